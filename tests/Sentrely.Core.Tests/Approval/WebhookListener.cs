using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sentrely.Core.Tests.Approval;

/// <summary>A real HTTP server on a free 127.0.0.1 port that answers with scripted status codes and keeps every request.</summary>
internal sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<int> _statuses;
    private readonly bool _hang;
    private readonly List<(string Path, string? ContentType, string Body)> _requests = [];
    private readonly Task _loop;

    public WebhookListener(params int[] statuses)
        : this(hang: false, statuses)
    {
    }

    private WebhookListener(bool hang, int[] statuses)
    {
        _hang = hang;
        _statuses = new Queue<int>(statuses);
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public IReadOnlyList<(string Path, string? ContentType, string Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Returns a listener that reads each request and never answers it.</summary>
    public static WebhookListener Hanging() => new(hang: true, []);

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>Returns a port that nothing listens on (bound, then released).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Abort();
        _ = _loop;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var body = await reader.ReadToEndAsync();
                lock (_requests)
                {
                    _requests.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType, body));
                }
            }

            if (_hang)
            {
                continue;
            }

            int status;
            lock (_requests)
            {
                status = _statuses.Count > 0 ? _statuses.Dequeue() : 200;
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }
}
