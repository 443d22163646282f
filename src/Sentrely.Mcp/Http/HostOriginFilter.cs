using Microsoft.AspNetCore.Http;
using Sentrely.Configuration;

namespace Sentrely.Mcp.Http;

/// <summary>
/// DNS-rebinding protection, before anything else runs: a <c>Host</c> outside <c>server.allowedHosts</c> gets 400, an
/// <c>Origin</c> (when a browser sends one) outside it gets 403. The MCP SDK does not do this itself.
/// </summary>
internal static class HostOriginFilter
{
    public static Func<HttpContext, RequestDelegate, Task> Create(ServerConfig server) => async (context, next) =>
    {
        if (!context.Request.Host.HasValue || !server.AllowsHost(context.Request.Host.Host))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("sentrely: this Host is not in server.allowedHosts\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var origins = context.Request.Headers.Origin;
        if (origins.Count > 0 && !(origins.Count == 1 && IsAllowedOrigin(origins[0], server)))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("sentrely: this Origin is not in server.allowedHosts\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    };

    // "null" (sandboxed pages, file://) and anything but an http(s) origin are foreign.
    private static bool IsAllowedOrigin(string? origin, ServerConfig server) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && server.AllowsHost(uri.Host);
}
