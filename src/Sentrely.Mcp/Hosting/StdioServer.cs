using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sentrely.Configuration;
using Sentrely.Mcp.Cli;

namespace Sentrely.Mcp.Hosting;

/// <summary>Hosts the MCP server over stdio: stdout carries JSON-RPC only, every log line goes to stderr.</summary>
internal static partial class StdioServer
{
    public static async Task<int> RunAsync(ServerSetup setup, CancellationToken cancellationToken)
    {
        var (config, tools, transport, title, _, _, _) = setup;
        using var loggerFactory = StderrLogging.Create();

        // Deriving the tools' schemas is CPU work that needs no store: it runs while the store opens and the startup
        // records are made durable, which shortens the cold start that Claude Code pays at every session.
        var described = Task.Run(() => McpToolSetup.Describe(tools), cancellationToken);
        SentrelyRuntime created;
        try
        {
            created = await SentrelyRuntime.CreateAsync(setup, loggerFactory, TimeProvider.System);
        }
        catch (StartupAuditException ex)
        {
            // Fail closed: a server whose policy loads cannot be audited would make unaudited decisions.
            await Console.Error.WriteLineAsync($"sentrely: {ex.Message}");
            return ExitCodes.Failure;
        }

        await using var runtime = created;
        using var telemetry = TelemetryExport.Start(config.Telemetry);

        // No generic host and no DI container: the server is built from options directly, which keeps Native AOT cold start
        // low (the host's open-generic service resolution dominated it). Ctrl+C/SIGTERM cancel cancellationToken
        // (System.CommandLine); end of stdin ends RunAsync.
        var options = new McpServerOptions
        {
            ServerInfo = McpToolSetup.ServerInfo(title),
            ScopeRequests = false,
        };
        McpToolSetup.AddSentrelyTools(options, await described, runtime);
        await using var stdio = new StdioServerTransport(options, loggerFactory);
        await using var server = McpServer.Create(stdio, options, loggerFactory);
        LogStarted(loggerFactory.CreateLogger("Sentrely"), runtime.Sessions.SessionId, transport, config.SourcePath ?? "(built-in)", runtime.StorePath);
        if (runtime.WatchedConfig is { } watched)
        {
            LogWatching(loggerFactory.CreateLogger("Sentrely"), watched);
        }

        try
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: a normal shutdown; the runtime is disposed (and its records flushed) below.
        }

        return ExitCodes.Ok;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sentrely serving session {SessionId} over {Transport} (config {Config}, audit store {Store})")]
    private static partial void LogStarted(ILogger logger, string sessionId, string transport, string config, string store);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Watching {Config}: a saved change to its policy applies live once it validates")]
    private static partial void LogWatching(ILogger logger, string config);
}
