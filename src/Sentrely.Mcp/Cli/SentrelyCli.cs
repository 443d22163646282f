using System.CommandLine;

namespace Sentrely.Mcp.Cli;

/// <summary>The <c>sentrely</c> command line.</summary>
internal static class SentrelyCli
{
    /// <summary>Gets <c>--config FILE</c>, accepted by every command.</summary>
    public static Option<string?> ConfigOption { get; } = new("--config")
    {
        Description = "The configuration file (default: $SENTRELY_CONFIG, then ~/.config/sentrely/sentrely.yaml)",
        Recursive = true,
    };

    /// <summary>Gets <c>--sandbox</c>: serve against the in-process AWS test double, or read the sandbox's store.</summary>
    public static Option<bool> SandboxOption { get; } = new("--sandbox")
    {
        Description = "Use the sandbox: an in-process AWS test double with a seeded account (serve), or the sandbox's audit store (other commands)",
        Recursive = true,
    };

    /// <summary>Gets <c>--json</c>, accepted by listing commands.</summary>
    public static Option<bool> JsonOption { get; } = new("--json") { Description = "Print one JSON object per line" };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Sentrely: curated, policy-checked, audited AWS tools for AI coding agents, instead of AWS credentials.")
        {
            ConfigOption,
            SandboxOption,
            ServeCommand.Create(),
            Demo.DemoCommand.Create(),
            ToolsCommand.Create(),
            AuditCommand.Create(),
            PolicyCommand.Create(),
            SessionsCommand.Create(),
            TokensCommand.Create(),
            ApprovalsCommand.Create(),
            IamCommand.Create(),
            RevokeRoleSessionsCommand.Create(),
            DoctorCommand.Create(),
            Setup.SetupCommand.Create(),
        };
        if (args.Length == 0)
        {
            args = ["--help"];
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"sentrely: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run `sentrely --help` for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }
}
