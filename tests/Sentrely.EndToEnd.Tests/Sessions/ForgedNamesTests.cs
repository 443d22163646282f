using System.Diagnostics;
using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Sessions;

/// <summary>
/// A client name and a tool name written to forge operator output (escape sequences, line breaks, bidirectional
/// overrides) reach <c>audit tail</c>, <c>audit query</c> and the server log only as visible escapes.
/// </summary>
public sealed class ForgedNamesTests : IClassFixture<SandboxWorld>
{
    // Erase the line, go up one, and print a fake record; then reverse the rest of the line.
    private const string ForgedClient = "claude\u001b[2K\u001b[1A\rsess_fake  live   alice/app\nkill rule\u202eabc";
    private const string ForgedTool = "no-such\u001b[1A\r     9 2026-01-01T00:00:00.000Z outcome allow\nforged\u2028line";

    private readonly SandboxWorld _world;

    public ForgedNamesTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task AuditTailAndServerLog_ForgedToolName_PrintedAsVisibleEscapes()
    {
        // Arrange: a real stdio session whose client and tool names carry control and bidirectional characters.
        var stderr = await RunForgedSessionAsync();

        // Act
        var tail = await SentrelyProcess.RunAsync(_world, "audit", "tail", "--config", _world.ConfigPath);
        var json = await SentrelyProcess.RunAsync(_world, "audit", "query", "--json", "--config", _world.ConfigPath);

        // Assert
        Assert.Equal(0, tail.ExitCode);
        AssertNoUnsafeCharacter(tail.Stdout);
        AssertNoUnsafeCharacter(stderr);
        Assert.Contains("no-such\\x1b[1A\\r     9 2026-01-01T00:00:00.000Z outcome allow\\nforged\\u2028line", tail.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(tail.Stdout.Split('\n'), l => l.StartsWith("forged", StringComparison.Ordinal));
        var records = json.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Contains(records, r => r.GetProperty("tool").GetString() == "no-such\\x1b[1A\\r     9 2026-01-01T00:00:00.000Z outcome allow\\nforged\\u2028line");
        AssertNoUnsafeCharacter(json.Stdout);
        var verify = await SentrelyProcess.RunAsync(_world, "audit", "verify", "--config", _world.ConfigPath);
        Assert.Equal(0, verify.ExitCode);
    }

    internal static void AssertNoUnsafeCharacter(string output) =>
        Assert.DoesNotContain(output, c => (c < ' ' && c != '\n') || c is '\u007f' or '\u202e' or '\u2028');

    private async Task<string> RunForgedSessionAsync()
    {
        using var process = Process.Start(SentrelyProcess.StartInfo(_world, "serve", "--config", _world.ConfigPath))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string[] requests =
        [
            JsonMessage(1, "initialize", w =>
            {
                w.WriteString("protocolVersion", "2025-11-25");
                w.WriteStartObject("capabilities");
                w.WriteEndObject();
                w.WriteStartObject("clientInfo");
                w.WriteString("name", ForgedClient);
                w.WriteString("version", "1\u001b]0;title\u0007");
                w.WriteEndObject();
            }),
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            JsonMessage(2, "tools/call", w =>
            {
                w.WriteString("name", ForgedTool);
                w.WriteStartObject("arguments");
                w.WriteEndObject();
            }),
        ];
        foreach (var request in requests)
        {
            await process.StandardInput.WriteLineAsync(request);
        }

        await process.StandardInput.FlushAsync();
        var answered = 0;
        while (answered < 2 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            answered += JsonDocument.Parse(line).RootElement.TryGetProperty("id", out _) ? 1 : 0;
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);
        return await stderr;
    }

    private static string JsonMessage(int id, string method, Action<System.Text.Json.Utf8JsonWriter> writeParams)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", id);
            w.WriteString("method", method);
            w.WriteStartObject("params");
            writeParams(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
