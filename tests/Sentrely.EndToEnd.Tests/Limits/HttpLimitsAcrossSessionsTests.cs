using ModelContextProtocol.Client;
using Sentrely.EndToEnd.Tests.Http;
using Sentrely.Pipeline;

namespace Sentrely.EndToEnd.Tests.Limits;

/// <summary>Over HTTP a caller opens sessions at will: a new MCP session with the same token brings no fresh per-session budget.</summary>
public sealed class HttpLimitsAcrossSessionsTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public HttpLimitsAcrossSessionsTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Serve_NewMcpSessionWithTheSameToken_PerSessionLimitNotReset()
    {
        // Arrange: a team server with a per-session limit of 2 reads, and two tokens of one developer.
        // The server reads the world's own configuration file, so the limit is written there.
        var config = await LimitsWorld.WriteConfigAsync(_world, "- { id: session-reads, tools: [get-build-artifact], per: session, limit: 2/hour }", inPlace: true);
        var token = await CreateTokenAsync(config);
        var otherToken = await CreateTokenAsync(config);
        await using var server = await HttpServerProcess.StartAsync(_world);
        var first = new List<string?>();
        await using (var session = await ConnectAsync(server, token))
        {
            first.Add(await LimitsWorld.ReadAsync(session));
            first.Add(await LimitsWorld.ReadAsync(session));
        }

        // Act
        await using var again = await ConnectAsync(server, token);
        var sameToken = await LimitsWorld.ReadAsync(again);
        await using var other = await ConnectAsync(server, otherToken);
        var differentToken = await LimitsWorld.ReadAsync(other);

        // Assert
        Assert.Equal(["allow", "allow"], first);
        Assert.Equal(AuditDecisions.RateLimited, sameToken);
        Assert.Equal("allow", differentToken);
    }

    private async Task<string> CreateTokenAsync(string config)
    {
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, ["tokens", "create", "--config", config, "--developer", "alice", "--project", "checkout"]);
        Assert.True(exit == 0, stderr);
        return stdout.Trim();
    }

    private static async Task<McpClient> ConnectAsync(HttpServerProcess server, string token) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = server.McpUri,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            }),
            new McpClientOptions { ClientInfo = new() { Name = "sentrely-limits-e2e", Version = "1.0" } });
}
