using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Sentrely.Approval;

/// <summary>
/// Posts each new approval request as JSON to every reviewer webhook, in the background: up to three attempts of
/// five seconds each, one and then two seconds apart. Failures are logged with the URL's scheme and host only —
/// webhook URLs (Slack's, Teams') carry their secret in the path — and never reach the caller.
/// </summary>
public sealed partial class WebhookNotifier : IApprovalNotifier, IAsyncDisposable
{
    private static readonly TimeSpan[] DefaultBackoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attemptTimeout;
    private readonly IReadOnlyList<TimeSpan> _backoff;
    private readonly TimeSpan _drainTimeout;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly HashSet<Task> _inFlight = [];
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="WebhookNotifier"/> class.</summary>
    /// <param name="handler">The HTTP handler to send with (not disposed here); null uses one that never follows redirects.</param>
    /// <param name="logger">Receives delivery failures.</param>
    /// <param name="time">The clock for timeouts and backoff.</param>
    public WebhookNotifier(HttpMessageHandler? handler, ILogger<WebhookNotifier> logger, TimeProvider time)
        : this(handler, logger, time, TimeSpan.FromSeconds(5), DefaultBackoff, TimeSpan.FromSeconds(3))
    {
    }

    /// <summary>Like the public constructor, with explicit timing (tests keep it short).</summary>
    internal WebhookNotifier(HttpMessageHandler? handler, ILogger logger, TimeProvider time, TimeSpan attemptTimeout, IReadOnlyList<TimeSpan> backoff, TimeSpan drainTimeout)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(backoff);

        // A redirect could carry the request, with the reviewer commands, to a host nobody configured.
        _client = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = true }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _client.Timeout = Timeout.InfiniteTimeSpan;
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Sentrely", "1"));
        _logger = logger;
        _time = time;
        _attemptTimeout = attemptTimeout;
        _backoff = backoff;
        _drainTimeout = drainTimeout;
    }

    /// <inheritdoc />
    public void Notify(ApprovalRecord request, IReadOnlyList<Uri> webhooks)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(webhooks);
        if (webhooks.Count == 0)
        {
            return;
        }

        byte[] body;
        try
        {
            body = WebhookPayload.Write(request);
        }
        catch (Exception ex)
        {
            LogPayloadFailed(_logger, request.Id, ex.GetType().Name);
            return;
        }

        lock (_inFlight)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var url in webhooks)
            {
                // Task.Run: connecting and TLS never run on the caller's thread, so the refusal goes out at once.
                var delivery = Task.Run(() => DeliverAsync(url, request.Id, body), CancellationToken.None);
                _inFlight.Add(delivery);
                _ = delivery.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Waits for deliveries in flight (a few seconds at most), then cancels the rest.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (_inFlight)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = [.. _inFlight];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(_drainTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _shutdown.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        _client.Dispose();
        _shutdown.Dispose();
    }

    private void Forget(Task delivery)
    {
        lock (_inFlight)
        {
            _inFlight.Remove(delivery);
        }
    }

    private async Task DeliverAsync(Uri url, string approvalId, byte[] body)
    {
        var target = Target(url);
        var outcome = "";
        for (var attempt = 1; attempt <= _backoff.Count + 1; attempt++)
        {
            if (attempt > 1)
            {
                try
                {
                    await Task.Delay(_backoff[attempt - 2], _time, _shutdown.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var (status, failure) = await SendAsync(url, body).ConfigureAwait(false);
            if (status is >= 200 and < 300)
            {
                return;
            }

            outcome = status is { } code ? $"HTTP {code}" : failure ?? "no answer";
            if (status is { } s && !Retryable(s))
            {
                LogDeliveryFailed(_logger, approvalId, target, outcome, attempt);
                return;
            }

            if (_shutdown.IsCancellationRequested)
            {
                break;
            }
        }

        LogDeliveryFailed(_logger, approvalId, target, outcome, _backoff.Count + 1);
    }

    // Returns the status code, or the exception type's name when there was no answer. Never throws.
    private async Task<(int? Status, string? Failure)> SendAsync(Uri url, byte[] body)
    {
        using var timeout = new CancellationTokenSource(_attemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _shutdown.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = Json;
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !_shutdown.IsCancellationRequested)
        {
            return (null, $"no answer within {_attemptTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex)
        {
            // Only the type: messages of HTTP exceptions can quote the request URL.
            return (null, ex.GetType().Name);
        }
    }

    private static bool Retryable(int status) =>
        status >= 500 || status == (int)HttpStatusCode.RequestTimeout || status == (int)HttpStatusCode.TooManyRequests;

    // The path and query of a webhook URL are its secret: name the scheme, host and port only.
    private static string Target(Uri url) => url.IsDefaultPort ? $"{url.Scheme}://{url.IdnHost}" : $"{url.Scheme}://{url.IdnHost}:{url.Port}";

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Approval {ApprovalId}: the reviewer webhook at {Target} was not notified ({Outcome}, {Attempts} attempt(s))")]
    private static partial void LogDeliveryFailed(ILogger logger, string approvalId, string target, string outcome, int attempts);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Approval {ApprovalId}: the reviewer webhook body could not be written ({Failure}); no webhook was notified")]
    private static partial void LogPayloadFailed(ILogger logger, string approvalId, string failure);
}
