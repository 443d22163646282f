using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>A stdio message over <c>limits.maxMessageBytes</c> is refused unread, the session goes on, and memory stays bounded.</summary>
public sealed class OversizedMessageTests : IClassFixture<SandboxWorld>
{
    private const long MaxPeakRssBytes = 300L * 1024 * 1024;
    private const int HugeLineBytes = 100 * 1024 * 1024;

    private readonly SandboxWorld _world;

    public OversizedMessageTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Serve_HundredMegabyteLine_RefusedWithItsIdAndAudited_NextCallWorks_RssBounded()
    {
        // Arrange
        using var process = Process.Start(SentrelyProcess.StartInfo(_world, "serve", "--config", _world.ConfigPath))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stdin = process.StandardInput.BaseStream;
        await WriteLineAsync(stdin, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await WriteLineAsync(stdin, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        Assert.Equal(1, (await ReadResponseAsync(process, timeout.Token)).GetProperty("id").GetInt32());

        // Act: the id comes after the 100 MB of params, as TypeScript clients write it.
        await WriteHugeCallAsync(stdin, id: "\"big-7\"", timeout.Token);
        var refused = await ReadResponseAsync(process, timeout.Token);
        await WriteLineAsync(stdin, """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"get-build-artifact","arguments":{"bucket":"my-app-deployments","key":"builds/1.0/notes.txt"}}}""");
        var next = await ReadResponseAsync(process, timeout.Token);
        var peakRss = PeakRssBytes(process.Id);
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);
        var audit = await SentrelyProcess.RunAsync(_world, "audit", "query", "--json", "--config", _world.ConfigPath);

        // Assert
        Assert.Equal("big-7", refused.GetProperty("id").GetString());
        Assert.Equal(-32600, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("limits.maxMessageBytes", refused.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(8, next.GetProperty("id").GetInt32());
        Assert.False(next.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.True(peakRss < MaxPeakRssBytes, $"peak RSS {peakRss / (1024 * 1024)} MiB");
        var records = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var unread = records.Where(r => r.GetProperty("tool").GetString() == "sentrely:unread-request").ToArray();
        Assert.Equal(2, unread.Length);
        Assert.All(unread, r => Assert.Equal("deny", r.GetProperty("decision").GetString()));
        Assert.Contains("Refused a", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorResponse_NoReadableId_IdIsNull()
    {
        // Arrange
        var message = new Sentrely.Mcp.Hosting.OversizedMessage(null, 20_000_000);

        // Act
        var json = JsonDocument.Parse(Sentrely.Mcp.Hosting.OversizedMessageResponder.ErrorResponse(message, 12_582_912)).RootElement;

        // Assert
        Assert.Equal(JsonValueKind.Null, json.GetProperty("id").ValueKind);
        Assert.Equal(-32600, json.GetProperty("error").GetProperty("code").GetInt32());
    }

    private static async Task WriteHugeCallAsync(Stream stdin, string id, CancellationToken cancellationToken)
    {
        await stdin.WriteAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"tools/call","params":{"name":"put-build-artifact","arguments":{"bucket":"my-app-deployments","key":"builds/big.bin","contentBase64":" """.TrimEnd()), cancellationToken);
        var chunk = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));
        for (var written = 0; written < HugeLineBytes; written += chunk.Length)
        {
            await stdin.WriteAsync(chunk, cancellationToken);
        }

        await WriteLineAsync(stdin, "\"}},\"id\":" + id + "}");
    }

    private static async Task WriteLineAsync(Stream stdin, string line)
    {
        await stdin.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await stdin.FlushAsync();
    }

    private static async Task<JsonElement> ReadResponseAsync(Process process, CancellationToken cancellationToken)
    {
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            var message = JsonDocument.Parse(line).RootElement;
            if (message.TryGetProperty("id", out _) && !message.TryGetProperty("method", out _))
            {
                return message;
            }
        }

        throw new InvalidOperationException("the server closed stdout");
    }

    // VmHWM: the process's peak resident set size so far.
    private static long PeakRssBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
