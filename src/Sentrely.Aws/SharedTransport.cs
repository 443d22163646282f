namespace Sentrely.Aws;

/// <summary>
/// Lends one connection pool to a short-lived client. Each call builds its own signed REST client (its credentials are
/// the call's), and disposing that client disposes this wrapper only: the pool, with its open TLS connections, serves the
/// next call instead of a new TCP and TLS handshake per call.
/// </summary>
/// <param name="pool">The factory's transport, which outlives every client.</param>
internal sealed class SharedTransport(HttpMessageHandler pool) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _invoker = new(pool, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker.Dispose();
        }

        base.Dispose(disposing);
    }
}
