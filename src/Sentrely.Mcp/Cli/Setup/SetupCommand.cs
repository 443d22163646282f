using System.CommandLine;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;

namespace Sentrely.Mcp.Cli.Setup;

/// <summary><c>sentrely setup claude-code</c>: registers the server and denies the agent the side doors to AWS credentials.</summary>
internal static class SetupCommand
{
    public static Command Create()
    {
        // User scope by default: a project's .mcp.json and .claude/settings.json lie where the agent works, so it could
        // edit the launch command, its environment or the rules themselves.
        var scope = new Option<string>("--scope") { Description = "user (default): claude mcp add --scope user and ~/.claude/settings.json; project: .mcp.json and .claude/settings.json here", DefaultValueFactory = _ => "user" };
        scope.AcceptOnlyFromAmong("project", "user");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be written, write nothing" };
        var claudeCode = new Command("claude-code", "Register Sentrely with Claude Code and write permission rules that deny the agent ~/.aws, Sentrely's config and store, the aws CLI and `sentrely approvals|sessions|tokens`")
        {
            scope,
            dryRun,
        };
        claudeCode.SetAction((parse, cancellationToken) => RunAsync(parse, parse.GetValue(scope) == "user", parse.GetValue(dryRun), cancellationToken));
        return new Command("setup", "Set Sentrely up for an agent") { claudeCode };
    }

    private static async Task<int> RunAsync(ParseResult parse, bool user, bool dryRun, CancellationToken cancellationToken)
    {
        var home = HomePaths.Home(Environment.GetEnvironmentVariable);
        if (home is null || !Path.IsPathFullyQualified(home))
        {
            await Console.Error.WriteLineAsync("sentrely: HOME is not set to an absolute path; nothing was written.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var sandbox = parse.GetValue(SentrelyCli.SandboxOption);
        var explicitConfig = parse.GetValue(SentrelyCli.ConfigOption) is not null || Environment.GetEnvironmentVariable("SENTRELY_CONFIG") is { Length: > 0 };
        var config = sandbox && !explicitConfig ? new SentrelyConfig() : CliConfiguration.Load(parse, new SentrelyTools().Catalog, required: false);
        if (config is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var defaultConfigPath = ConfigLocator.DefaultPath(Environment.GetEnvironmentVariable)!; // HOME is set: never null
        var configPath = config.SourcePath ?? defaultConfigPath;
        var launch = ServerLaunch.ForThisProcess(explicitConfig ? config.SourcePath : null, sandbox);
        var rules = ClaudeDenyRules.For(
            home,
            [Path.GetDirectoryName(defaultConfigPath)!, Path.GetDirectoryName(StorePaths.Sqlite(config))!, Path.GetDirectoryName(StorePaths.Sandbox())!],
            [configPath],
            user ? ["~/.claude/settings.json", "~/.claude.json"] : ["./.claude/settings.json", "./.claude/settings.local.json", "./.mcp.json"],
            Environment.GetEnvironmentVariable);
        var here = Environment.CurrentDirectory;
        var superseded = ClaudeDenyRules.Superseded(rules);
        SetupChange[] changes = user
            ? [ClaudeCodeFiles.MergeDenyRules(Path.Combine(home, ".claude", "settings.json"), rules, superseded)]
            : [ClaudeCodeFiles.MergeMcpJson(Path.Combine(here, ".mcp.json"), launch), ClaudeCodeFiles.MergeDenyRules(Path.Combine(here, ".claude", "settings.json"), rules, superseded)];

        // Every file is checked before any is written: a refusal leaves all of them as they were.
        if (changes.FirstOrDefault(c => c.Problem is not null) is { } refused)
        {
            await Console.Error.WriteLineAsync($"sentrely: {refused.Path}: {refused.Problem}. Fix or remove it and run again; nothing was written.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var prefix = dryRun ? "(dry run) would write" : "wrote";
        foreach (var change in changes)
        {
            if (change.Changes.Count == 0)
            {
                Console.WriteLine($"✔ {change.Path}: already set up, unchanged");
                continue;
            }

            if (!dryRun)
            {
                JsonSettingsFile.Write(change.Path, change.Root!);
            }

            Console.WriteLine($"✔ {prefix} {change.Path}:");
            foreach (var line in change.Changes)
            {
                Console.WriteLine(line.StartsWith("- ", StringComparison.Ordinal) ? $"    {line}" : $"    + {line}");
            }
        }

        var exit = user ? await RegisterUserServerAsync(launch, dryRun, cancellationToken).ConfigureAwait(false) : ExitCodes.Ok;
        Console.WriteLine(user
            ? "Restart Claude Code to load the rules. The deny rules apply in every project."
            : "Restart Claude Code to load the rules; it asks once before it starts a server from a project's .mcp.json.");
        return exit;
    }

    private static async Task<int> RegisterUserServerAsync(ServerLaunch launch, bool dryRun, CancellationToken cancellationToken)
    {
        var arguments = ClaudeCli.AddUserServerArguments(launch);
        var commandText = new ServerLaunch("claude", arguments).ShellText();
        if (ClaudeCli.Find() is not { } claude)
        {
            Console.WriteLine($"! claude is not on PATH, so the server is not registered yet. Run:\n    {commandText}");
            return ExitCodes.Ok;
        }

        if (dryRun)
        {
            Console.WriteLine($"✔ (dry run) would run: {commandText}");
            return ExitCodes.Ok;
        }

        var (exitCode, output) = await ClaudeCli.RunAsync(claude, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode == 0)
        {
            Console.WriteLine($"✔ ran: {commandText}");
            return ExitCodes.Ok;
        }

        if (output.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"✔ a server named {ClaudeCodeFiles.ServerName} is already registered in user scope, unchanged " +
                $"(to replace it: claude mcp remove --scope user {ClaudeCodeFiles.ServerName}, then run this again)");
            return ExitCodes.Ok;
        }

        await Console.Error.WriteLineAsync($"sentrely: `{commandText}` failed (exit {exitCode}):\n{output.Trim()}").ConfigureAwait(false);
        return ExitCodes.Failure;
    }
}
