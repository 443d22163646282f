using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Sentrely.Mcp.Hosting;

/// <summary>Creates the logger factory: console output to stderr at every level, because stdout is the protocol, with agent-written values escaped.</summary>
internal static class StderrLogging
{
    /// <remarks>
    /// Built by hand rather than with <c>LoggerFactory.Create</c>, which builds a DI container just for logging: under
    /// Native AOT that container's open generics cost a noticeable share of the stdio server's cold start.
    /// </remarks>
    public static ILoggerFactory Create()
    {
        var filters = new LoggerFilterOptions { MinLevel = LogLevel.Information };
        filters.Rules.Add(new LoggerFilterRule(providerName: null, categoryName: "ModelContextProtocol", LogLevel.Warning, filter: null));
        filters.Rules.Add(new LoggerFilterRule(providerName: null, categoryName: "Microsoft", LogLevel.Warning, filter: null));
        var factory = new LoggerFactory([], filters);

        // AddProvider (not the constructor) so that disposing the factory disposes the provider, which flushes its queue.
        // The escaping formatter: log lines carry agent-written values (tool and client names), which must not forge lines.
        factory.AddProvider(new ConsoleLoggerProvider(
            new FixedOptionsMonitor<ConsoleLoggerOptions>(new() { LogToStandardErrorThreshold = LogLevel.Trace, FormatterName = EscapingConsoleFormatter.FormatterName }),
            [new EscapingConsoleFormatter()]));
        return factory;
    }
}
