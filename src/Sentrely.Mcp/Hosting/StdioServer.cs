using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
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

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory); // the last registration wins: the SDK logs to our stderr factory
        builder.Services
            .AddMcpServer(o => o.ServerInfo = new Implementation { Name = "sentrely", Title = title, Version = SentrelyRuntime.Version })
            .WithStdioServerTransport()
            .WithSentrelyTools(tools, runtime);

        using var host = builder.Build();
        LogStarted(loggerFactory.CreateLogger("Sentrely"), runtime.Sessions.SessionId, transport, config.SourcePath ?? "(built-in)", runtime.StorePath);
        if (runtime.WatchedConfig is { } watched)
        {
            LogWatching(loggerFactory.CreateLogger("Sentrely"), watched);
        }

        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sentrely serving session {SessionId} over {Transport} (config {Config}, audit store {Store})")]
    private static partial void LogStarted(ILogger logger, string sessionId, string transport, string config, string store);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Watching {Config}: a saved change to its policy applies live once it validates")]
    private static partial void LogWatching(ILogger logger, string config);
}
