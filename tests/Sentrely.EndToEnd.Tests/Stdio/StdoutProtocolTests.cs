using System.Diagnostics;
using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>stdout is the JSON-RPC channel: nothing else may ever be written to it, even when calls fail.</summary>
public sealed class StdoutProtocolTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public StdoutProtocolTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Serve_EveryStdoutLineIsJsonRpc_LogsGoToStderr()
    {
        using var process = Process.Start(SentrelyProcess.StartInfo(_world, "serve", "--config", _world.ConfigPath))!;
        var stderr = process.StandardError.ReadToEndAsync();
        string[] requests =
        [
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get-build-artifact","arguments":{"bucket":"my-app-deployments","key":"builds/1.0/notes.txt"}}}""",
            """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get-build-artifact","arguments":{"bucket":"my-app-deployments","key":"*"}}}""",
            """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"no-such-tool","arguments":{}}}""",
            """{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"terminate-instances","arguments":{"instanceIds":["i-0123456789abcdef0"]}}}""",
        ];
        var answered = new HashSet<int>();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        foreach (var request in requests)
        {
            await process.StandardInput.WriteLineAsync(request);
        }

        await process.StandardInput.FlushAsync();
        while (answered.Count < 6 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            using var doc = JsonDocument.Parse(line);
            Assert.Equal("2.0", doc.RootElement.GetProperty("jsonrpc").GetString());
            if (doc.RootElement.TryGetProperty("id", out var id))
            {
                answered.Add(id.GetInt32());
            }
        }

        process.StandardInput.Close();
        var rest = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal([1, 2, 3, 4, 5, 6], answered.Order());
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal("2.0", doc.RootElement.GetProperty("jsonrpc").GetString());
        }

        var unknown = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.TryGetProperty("id", out var i) && i.GetInt32() == 5);
        Assert.True(unknown.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Contains("Sentrely serving session sess_", await stderr, StringComparison.Ordinal);
    }
}
