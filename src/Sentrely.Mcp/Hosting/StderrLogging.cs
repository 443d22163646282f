using Microsoft.Extensions.Logging;

namespace Sentrely.Mcp.Hosting;

/// <summary>Creates the logger factory: console output to stderr at every level, because stdout is the protocol.</summary>
internal static class StderrLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(b =>
    {
        b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        b.SetMinimumLevel(LogLevel.Information);
        b.AddFilter("ModelContextProtocol", LogLevel.Warning);
        b.AddFilter("Microsoft", LogLevel.Warning);
    });
}
