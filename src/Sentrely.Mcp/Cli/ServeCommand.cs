using System.CommandLine;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;
using Sentrely.Mcp.Sandbox;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely serve</c>: the MCP server over stdio.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var transport = new Option<string>("--transport") { Description = "stdio (default); http comes with the team server", DefaultValueFactory = _ => "stdio" };
        var command = new Command("serve", "Run the MCP server (stdio: one process is one agent session); --sandbox runs it against a built-in AWS test double") { transport };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(transport) != "stdio")
            {
                await Console.Error.WriteLineAsync("sentrely: only `--transport stdio` is available in this version.").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            var tools = new SentrelyTools();
            var sandbox = parse.GetValue(SentrelyCli.SandboxOption);
            var config = sandbox && parse.GetValue(SentrelyCli.ConfigOption) is null
                ? SandboxServer.BuiltInConfig(tools)
                : CliConfiguration.Load(parse, tools.Catalog, required: true);
            if (config is null)
            {
                return ExitCodes.UsageOrConfig;
            }

            if (StartupProblem(config, sandbox) is { } problem)
            {
                await Console.Error.WriteLineAsync($"sentrely: {problem}").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            foreach (var warning in StartupWarnings(config, tools))
            {
                await Console.Error.WriteLineAsync($"sentrely: warning: {warning}").ConfigureAwait(false);
            }

            if (!sandbox)
            {
                return await StdioServer.RunAsync(new ServerSetup(config, tools, "stdio", "Sentrely", StorePaths.Sqlite(config)), cancellationToken).ConfigureAwait(false);
            }

            await using var server = await SandboxServer.StartAsync(config, tools).ConfigureAwait(false);
            return await StdioServer.RunAsync(server.Setup, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // Calls of these tools are refused (and say why); the operator hears it at startup, not from the agent.
    private static IEnumerable<string> StartupWarnings(SentrelyConfig config, SentrelyTools tools) =>
        tools.Registry.Tools
            .Where(t => t.Manifest.Role is { } role && !config.Aws.Roles.ContainsKey(role))
            .GroupBy(t => t.Manifest.Role!)
            .Select(g => $"aws.roles.{g.Key} is not configured, so {string.Join(", ", g.Select(t => t.Manifest.Name))} will be refused");

    private static string? StartupProblem(SentrelyConfig config, bool sandbox)
    {
        // The agent can write to its project directory: a policy it could edit is no policy.
        if (config.SourcePath is { } path && ConfigLocator.IsUnder(path, Environment.CurrentDirectory))
        {
            return $"the configuration {path} lies under the working directory {Environment.CurrentDirectory}, where the agent can edit it. " +
                "Move it to ~/.config/sentrely/sentrely.yaml (or pass --config with a path outside the project).";
        }

        return config.Aws.AccountId is null && !sandbox
            ? $"{config.SourcePath}: aws.accountId is required to build ARNs; set it to the 12-digit account id."
            : null;
    }
}
