using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using Sentrely.Mcp.Tools;

namespace Sentrely.Mcp.Hosting;

/// <summary>The MCP surface every transport shares: the curated tools, and unknown tools refused and audited through the same pipeline.</summary>
internal static class McpToolSetup
{
    public static IMcpServerBuilder WithSentrelyTools(this IMcpServerBuilder builder, SentrelyTools tools, SentrelyRuntime runtime)
    {
        // Typed as IEnumerable so overload resolution picks WithTools(IEnumerable<McpServerTool>): an array would bind to the
        // generic WithTools<T>(T target), which reflects over the target's methods and is not AOT-safe.
        IEnumerable<McpServerTool> governed = tools.Registry.Tools.Select(t => (McpServerTool)new GovernedTool(t, runtime.Pipeline, runtime.Sessions)).ToArray();
        return builder
            .WithTools(governed)
            .WithRequestFilters(f => f.AddCallToolFilter(next => async (request, ct) =>
                request.MatchedPrimitive is null
                    ? await GovernedTool.RunAsync(runtime.Pipeline, runtime.Sessions, request, ct).ConfigureAwait(false) // unknown tools are refused and audited too
                    : await next(request, ct).ConfigureAwait(false)));
    }
}
