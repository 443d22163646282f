using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sentrely.Mcp.Tools;

namespace Sentrely.Mcp.Hosting;

/// <summary>The MCP surface every transport shares: the curated tools, and unknown tools refused and audited through the same pipeline.</summary>
internal static class McpToolSetup
{
    /// <summary>Adds the tools and the unknown-tool filter to a DI-built server (the HTTP transport).</summary>
    public static IMcpServerBuilder WithSentrelyTools(this IMcpServerBuilder builder, IReadOnlyList<Tool> described, SentrelyRuntime runtime) =>
        builder
            .WithTools(Tools(described, runtime))
            .WithRequestFilters(f => f.AddCallToolFilter(UnknownToolFilter(runtime)));

    /// <summary>Adds the tools and the unknown-tool filter to server options used without DI (the stdio transport).</summary>
    public static void AddSentrelyTools(McpServerOptions options, IReadOnlyList<Tool> described, SentrelyRuntime runtime)
    {
        options.ToolCollection ??= [];
        foreach (var tool in Tools(described, runtime))
        {
            options.ToolCollection.Add(tool);
        }

        options.Filters.Request.CallToolFilters.Add(UnknownToolFilter(runtime));
    }

    /// <summary>Returns how the server introduces itself in <c>initialize</c>, on every transport.</summary>
    public static Implementation ServerInfo(string title) => new() { Name = "sentrely", Title = title, Version = SentrelyRuntime.Version };

    /// <summary>Returns every curated tool as MCP lists it (schemas derived from the handlers' records: a few milliseconds).</summary>
    public static IReadOnlyList<Tool> Describe(SentrelyTools tools) => tools.Registry.Tools.Select(GovernedTool.Describe).ToArray();

    // Typed as IEnumerable so overload resolution picks WithTools(IEnumerable<McpServerTool>): an array would bind to the
    // generic WithTools<T>(T target), which reflects over the target's methods and is not AOT-safe.
    private static IEnumerable<McpServerTool> Tools(IReadOnlyList<Tool> described, SentrelyRuntime runtime) =>
        described.Select(t => (McpServerTool)new GovernedTool(t, runtime.Pipeline, runtime.Sessions)).ToArray();

    // Unknown tools are refused and audited through the pipeline too, instead of the SDK's bare "Unknown tool" error.
    private static McpRequestFilter<CallToolRequestParams, CallToolResult> UnknownToolFilter(SentrelyRuntime runtime) =>
        next => async (request, ct) =>
            request.MatchedPrimitive is null
                ? await GovernedTool.RunAsync(runtime.Pipeline, runtime.Sessions, request, ct).ConfigureAwait(false)
                : await next(request, ct).ConfigureAwait(false);
}
