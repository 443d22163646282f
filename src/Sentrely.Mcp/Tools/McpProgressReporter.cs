using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sentrely.Invocation;

namespace Sentrely.Mcp.Tools;

/// <summary>Sends MCP progress notifications for the call's progress token; a no-op when the client sent none.</summary>
internal sealed class McpProgressReporter : IProgressReporter
{
    private readonly McpServer _server;
    private readonly ProgressToken? _token;
    private readonly object _gate = new();
    private Task _pending = Task.CompletedTask;

    public McpProgressReporter(McpServer server, ProgressToken? token)
    {
        _server = server;
        _token = token;
    }

    public void Report(double progress, double? total, string message)
    {
        if (_token is not { } token)
        {
            return;
        }

        var value = new ProgressNotificationValue { Progress = (float)progress, Total = (float?)total, Message = message };

        // Notifications are chained so they reach the client in order; a failed send never fails the call.
        lock (_gate)
        {
            _pending = _pending.ContinueWith(
                async _ =>
                {
                    try
                    {
                        await _server.NotifyProgressAsync(token, value, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
                    {
                        // The client went away; the call itself is unaffected.
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Waits until every notification was sent, so none arrives after the result.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _pending;
        }
    }
}
