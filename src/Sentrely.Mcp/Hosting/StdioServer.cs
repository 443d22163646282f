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

        // The SDK's transport buffers a whole line before parsing it: a line over limits.maxMessageBytes is dropped
        // on the way in, unread, and answered here with -32600, so memory stays bounded whatever the client sends.
        var stdout = new LineGatedStream(new BufferedStream(Console.OpenStandardOutput()));
        var maxBytes = config.Limits.MaxMessageBytes;
        var oversized = new OversizedMessageResponder(stdout, runtime.Pipeline, runtime.Sessions, maxBytes, loggerFactory.CreateLogger("Sentrely"));
        var stdin = new BoundedLineStream(Console.OpenStandardInput(), maxBytes, oversized.Refuse);
        await using var stdio = new StreamServerTransport(stdin, stdout, options.ServerInfo.Name, loggerFactory);
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
        finally
        {
            // A refusal still being recorded is finished before the store closes.
            await oversized.DrainAsync().ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sentrely serving session {SessionId} over {Transport} (config {Config}, audit store {Store})")]
    private static partial void LogStarted(ILogger logger, string sessionId, string transport, string config, string store);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Watching {Config}: a saved change to its policy applies live once it validates")]
    private static partial void LogWatching(ILogger logger, string config);
}
