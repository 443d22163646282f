using System.Net;
using System.Text;

namespace Sentrely.Aws.Tests.TestDoubles;

/// <summary>Records each request and answers with queued responses (the last one repeats).</summary>
internal sealed class CapturingHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();
    private Func<HttpResponseMessage>? _last;

    public List<CapturedRequest> Requests { get; } = [];

    public bool Disposed { get; private set; }

    public CapturingHandler Respond(HttpStatusCode status, string body, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers)
            {
                headers[h.Key] = string.Join(",", h.Value);
            }
        }

        Requests.Add(new CapturedRequest(request.Method, request.RequestUri!, headers, body));
        _last = _responses.Count > 0 ? _responses.Dequeue() : _last;
        var response = _last?.Invoke() ?? new HttpResponseMessage(HttpStatusCode.InternalServerError);
        response.RequestMessage = request;
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
