using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Sentrely.Harness;

/// <summary>
/// A stdio MCP server child process driven with raw newline-delimited JSON-RPC: the client side costs a write and a
/// line read, so the figures are the server's. Requests are sent one at a time and answered before the next.
/// </summary>
internal sealed class StdioServerProcess : IDisposable
{
    public const string InitializeLine =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"sentrely-harness","version":"1"}}}""";

    public const string InitializedLine = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private int _nextId = 100;

    private StdioServerProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>Starts <paramref name="command"/>; the caller's stopwatch should already run.</summary>
    public static StdioServerProcess Start(ServerCommand command, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{command.Label}: the process did not start");
        var server = new StdioServerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server._stderr)
                {
                    server._stderr.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Sends a request line and returns the response with the same id (notifications in between are skipped).</summary>
    public async Task<JsonDocument> RequestAsync(string line, int id, CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
        while (true)
        {
            var response = await _process.StandardOutput.ReadLineAsync(ct)
                ?? throw new InvalidOperationException($"the server closed stdout (exit {ExitText()}); stderr:\n{StderrTail()}");
            var document = JsonDocument.Parse(response);
            if (document.RootElement.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt32() == id)
            {
                if (document.RootElement.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException($"JSON-RPC error: {error.GetRawText()}");
                }

                return document;
            }

            document.Dispose();
        }
    }

    public async Task NotifyAsync(string line, CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
    }

    /// <summary>Sends <c>initialize</c>, <c>notifications/initialized</c> and <c>tools/list</c>; returns the milliseconds at which each answer arrived.</summary>
    public async Task<(double Initialize, double ToolsList, int Tools)> HandshakeAsync(Stopwatch clock, CancellationToken ct)
    {
        using (await RequestAsync(InitializeLine, 1, ct))
        {
        }

        var initialize = clock.Elapsed.TotalMilliseconds;
        await NotifyAsync(InitializedLine, ct);
        using var list = await RequestAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", 2, ct);
        var toolsList = clock.Elapsed.TotalMilliseconds;
        return (initialize, toolsList, list.RootElement.GetProperty("result").GetProperty("tools").GetArrayLength());
    }

    /// <summary>Calls <paramref name="tool"/> with <paramref name="argumentsJson"/>; throws when the result is an error.</summary>
    public async Task CallToolAsync(string tool, string argumentsJson, CancellationToken ct)
    {
        var id = _nextId++;
        var line = "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(CultureInfo.InvariantCulture)
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}}";
        using var response = await RequestAsync(line, id, ct);
        var result = response.RootElement.GetProperty("result");
        if (result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True)
        {
            throw new InvalidOperationException($"{tool} failed: {result.GetRawText()}");
        }
    }

    /// <summary>Peak resident set size so far (VmHWM), in MiB.</summary>
    public double PeakRssMiB() => Status("VmHWM:") / 1024.0;

    /// <summary>The server's current thread count.</summary>
    public int Threads() => (int)Status("Threads:");

    private long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} missing from /proc status");
    }

    /// <summary>Closes stdin (the server's signal to exit) and waits; kills it after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        _process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public string StderrTail()
    {
        lock (_stderr)
        {
            return string.Join('\n', _stderr.TakeLast(20));
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private string ExitText() => _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "running";
}
