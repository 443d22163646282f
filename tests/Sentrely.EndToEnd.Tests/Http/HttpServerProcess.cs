using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>A real <c>sentrely serve --transport http</c> child process on a free loopback port.</summary>
internal sealed class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HttpServerProcess(Process process, int port, ConcurrentQueue<string> stderr)
    {
        _process = process;
        Port = port;
        Stderr = stderr;
    }

    public int Port { get; }

    /// <summary>Gets the server's resident memory now, in bytes.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public Uri McpUri => new(BaseUri, "/mcp");

    public ConcurrentQueue<string> Stderr { get; }

    public static async Task<HttpServerProcess> StartAsync(SandboxWorld world, params string[] extraArgs)
    {
        var port = FreePort();
        var process = Process.Start(SentrelyProcess.StartInfo(world, ["serve", "--transport", "http", "--urls", $"http://127.0.0.1:{port}", "--config", world.ConfigPath, .. extraArgs]))!;
        process.StandardInput.Close();
        var stderr = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stderr.Enqueue(line);
            }
        };
        process.BeginErrorReadLine();
        var server = new HttpServerProcess(process, port, stderr);
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}: {string.Join('\n', stderr)}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(server.BaseUri, "/healthz"))).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new TimeoutException("the server did not answer /healthz within 60 s");
    }

    /// <summary>Stops the server as a service manager would (SIGTERM) and waits until it has exited.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
