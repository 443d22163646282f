using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>
/// <c>AWS_ENDPOINT_URL*</c> in the server's environment (which a stdio agent can shape) sends no signed request anywhere
/// unless the configuration opts in with <c>aws.endpoints.fromEnvironment: true</c> — neither through Sentrely's
/// endpoint resolution nor through the AWS SDK's own.
/// </summary>
public sealed class EnvironmentEndpointTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public EnvironmentEndpointTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Serve_EndpointVariableWithoutOptIn_NoRequestReachesIt()
    {
        // Arrange: S3 has no configured endpoint; the environment names a listener of the agent's.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var agentEndpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        var config = Path.Combine(_world.Folder, "config", "no-s3-endpoint.yaml");
        var text = await File.ReadAllTextAsync(_world.ConfigPath);
        await File.WriteAllTextAsync(config, string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("s3:", StringComparison.Ordinal))));
        var info = SentrelyProcess.StartInfo(_world, "serve", "--config", config);
        info.Environment["AWS_ENDPOINT_URL_S3"] = agentEndpoint;
        info.Environment["AWS_ENDPOINT_URL"] = agentEndpoint;
        info.Environment["AWS_MAX_ATTEMPTS"] = "1";

        // Act
        var result = await CallAsync(info, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get-build-artifact","arguments":{"bucket":"my-app-deployments","key":"builds/1.0/notes.txt"}}}""");

        // Assert: the call went to AWS's own endpoint (unreachable here), never to the listener.
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.False(listener.Pending(), "a request reached the endpoint named in the environment");
    }

    private static async Task<JsonElement> CallAsync(ProcessStartInfo info, string call)
    {
        using var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync(call);
        await process.StandardInput.FlushAsync();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var message = JsonDocument.Parse(line).RootElement;
            if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == 2)
            {
                process.StandardInput.Close();
                await process.WaitForExitAsync(timeout.Token);
                return message.GetProperty("result").Clone();
            }
        }

        throw new InvalidOperationException("the server closed stdout before answering");
    }
}
