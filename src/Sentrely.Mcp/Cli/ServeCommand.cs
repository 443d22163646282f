using System.CommandLine;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;
using Sentrely.Mcp.Http;
using Sentrely.Mcp.Sandbox;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely serve</c>: the MCP server over stdio, or the team server over HTTP.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var transport = new Option<string>("--transport") { Description = "stdio (default: one process is one agent session) or http (the team server)", DefaultValueFactory = _ => "stdio" };
        var urls = new Option<string>("--urls") { Description = "http: the URLs to listen on, separated by ;", DefaultValueFactory = _ => "http://127.0.0.1:8787" };
        var insecureNoAuth = new Option<bool>("--insecure-no-auth") { Description = "http: accept unauthenticated requests (loopback URLs only; for local experiments)" };
        var command = new Command("serve", "Run the MCP server (stdio: one process is one agent session; http: the team server); --sandbox runs it against a built-in AWS test double")
        {
            transport, urls, insecureNoAuth,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var http = parse.GetValue(transport) switch
            {
                "stdio" => false,
                "http" => true,
                _ => (bool?)null,
            };
            if (http is null)
            {
                await Console.Error.WriteLineAsync("sentrely: --transport is `stdio` or `http`.").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            IReadOnlyList<Uri> listen = [];
            if (http.Value)
            {
                if (HttpProblem(parse.GetValue(urls)!, parse.GetValue(insecureNoAuth), parse.GetValue(SentrelyCli.SandboxOption), out listen) is { } httpProblem)
                {
                    await Console.Error.WriteLineAsync($"sentrely: {httpProblem}").ConfigureAwait(false);
                    return ExitCodes.UsageOrConfig;
                }
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

            if (http.Value)
            {
                return await HttpServer.RunAsync(new ServerSetup(config, tools, "http", "Sentrely", StorePaths.Sqlite(config)), listen, parse.GetValue(insecureNoAuth), cancellationToken)
                    .ConfigureAwait(false);
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

    private static string? HttpProblem(string text, bool insecureNoAuth, bool sandbox, out IReadOnlyList<Uri> urls)
    {
        urls = [];
        if (sandbox)
        {
            return "--sandbox serves over stdio only; run the team server with a configuration file.";
        }

        var (parsed, problem) = ServeUrls.Parse(text);
        if (parsed is null)
        {
            return problem;
        }

        // Without authentication anyone who can reach the port acts for the local identity: only this machine may.
        if (insecureNoAuth && parsed.FirstOrDefault(u => !ServeUrls.IsLoopback(u)) is { } open)
        {
            return $"--insecure-no-auth binds loopback URLs only (127.0.0.1, ::1, localhost); {open} is not one. Issue tokens with `sentrely tokens create` instead.";
        }

        urls = parsed;
        return null;
    }

    private static string? StartupProblem(SentrelyConfig config, bool sandbox)
    {
        // The agent can write to its project directory: a policy it could edit is no policy.
        if (config.SourcePath is { } path && ConfigLocator.IsUnder(path, Environment.CurrentDirectory))
        {
            return $"the configuration {path} lies under the working directory {Environment.CurrentDirectory}, where the agent can edit it. " +
                "Move it to ~/.config/sentrely/sentrely.yaml (or pass --config with a path outside the project).";
        }

        if (config.SourcePath is { } file && ConfigFilePermissions.Problem(file) is { } writable)
        {
            return writable;
        }

        return config.Aws.AccountId is null && !sandbox
            ? $"{config.SourcePath}: aws.accountId is required to build ARNs; set it to the 12-digit account id."
            : null;
    }
}
