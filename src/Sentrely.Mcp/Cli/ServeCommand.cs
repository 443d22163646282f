using System.CommandLine;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely serve</c>: the MCP server over stdio.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var transport = new Option<string>("--transport") { Description = "stdio (default); http comes with the team server", DefaultValueFactory = _ => "stdio" };
        var command = new Command("serve", "Run the MCP server (stdio: one process is one agent session)") { transport };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(transport) != "stdio")
            {
                await Console.Error.WriteLineAsync("sentrely: only `--transport stdio` is available in this version.").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            var tools = new SentrelyTools();
            var config = CliConfiguration.Load(parse, tools.Catalog, required: true);
            if (config is null)
            {
                return ExitCodes.UsageOrConfig;
            }

            if (StartupProblem(config) is { } problem)
            {
                await Console.Error.WriteLineAsync($"sentrely: {problem}").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            foreach (var warning in StartupWarnings(config, tools))
            {
                await Console.Error.WriteLineAsync($"sentrely: warning: {warning}").ConfigureAwait(false);
            }

            return await StdioServer.RunAsync(config, tools, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // Calls of these tools are refused (and say why); the operator hears it at startup, not from the agent.
    private static IEnumerable<string> StartupWarnings(SentrelyConfig config, SentrelyTools tools) =>
        tools.Registry.Tools
            .Where(t => t.Manifest.Role is { } role && !config.Aws.Roles.ContainsKey(role))
            .GroupBy(t => t.Manifest.Role!)
            .Select(g => $"aws.roles.{g.Key} is not configured, so {string.Join(", ", g.Select(t => t.Manifest.Name))} will be refused");

    private static string? StartupProblem(SentrelyConfig config)
    {
        // The agent can write to its project directory: a policy it could edit is no policy.
        if (config.SourcePath is { } path && ConfigLocator.IsUnder(path, Environment.CurrentDirectory))
        {
            return $"the configuration {path} lies under the working directory {Environment.CurrentDirectory}, where the agent can edit it. " +
                "Move it to ~/.config/sentrely/sentrely.yaml (or pass --config with a path outside the project).";
        }

        return config.Aws.AccountId is null
            ? $"{config.SourcePath}: aws.accountId is required to build ARNs; set it to the 12-digit account id."
            : null;
    }
}
