using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Sentrely.Mcp.Hosting;

namespace Sentrely.Mcp.Http;

/// <summary>
/// Refuses an <c>/mcp</c> request body larger than the limit before anything parses it, so one large body cannot make the
/// server build a large JSON tree. The answer is JSON-RPC error -32600 with the request's id when the body's first bytes
/// show it, else null.
/// </summary>
internal static class OversizedBody
{
    // Enough to find the id of any ordinary JSON-RPC envelope (jsonrpc, id and method come before params).
    private const int IdWindow = 4096;

    /// <summary>
    /// Answers and returns the refusal's audit reason when the body exceeds <paramref name="maxBytes"/>; otherwise returns
    /// null, leaving a body without Content-Length buffered (at most <paramref name="maxBytes"/>) for the next handler.
    /// </summary>
    public static async Task<string?> RefuseAsync(HttpContext context, long maxBytes)
    {
        // This limit replaces Kestrel's own for /mcp: reading one byte past it, or the head of a larger body, must not throw.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }

        var request = context.Request;
        if (request.ContentLength is { } declared)
        {
            if (declared <= maxBytes)
            {
                // Kestrel never reads past Content-Length.
                return null;
            }

            // Read only the first bytes, for the id.
            var head = new byte[IdWindow];
            var read = await request.Body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, context.RequestAborted).ConfigureAwait(false);
            return await AnswerAsync(context, head.AsMemory(0, read), declared, maxBytes).ConfigureAwait(false);
        }

        // No Content-Length (chunked): buffer up to one byte past the limit, so a body that never ends is still refused.
        var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int n;
            while (buffer.Length <= maxBytes && (n = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length)), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (buffer.Length <= maxBytes)
        {
            buffer.Position = 0;
            request.Body = buffer;
            context.Response.RegisterForDispose(buffer);
            return null;
        }

        return await AnswerAsync(context, buffer.GetBuffer().AsMemory(0, (int)Math.Min(buffer.Length, IdWindow)), null, maxBytes).ConfigureAwait(false);
    }

    private static async Task<string> AnswerAsync(HttpContext context, ReadOnlyMemory<byte> head, long? declared, long maxBytes)
    {
        var size = declared is { } d ? $"{d.ToString(CultureInfo.InvariantCulture)} bytes" : "more bytes";
        var message = $"the request body ({size}) exceeds this server's limit of {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes (server.limits.maxRequestBytes); send less per request";
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = "application/json; charset=utf-8";

        // The rest of the body is not read: close the connection rather than drain it.
        context.Response.Headers.Connection = "close";
        var body = InvalidRequestResponse.Create(InvalidRequestResponse.IdOf(head.Span), message);
        await context.Response.Body.WriteAsync((byte[])[.. body, (byte)'\n'], context.RequestAborted).ConfigureAwait(false);
        return message;
    }
}
