using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Sentrely.EndToEnd.Tests.Http;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.Replicas;

/// <summary>
/// Two `sentrely serve --transport http` processes on different ports sharing one PostgreSQL database: one rate limit,
/// one kill switch, one approval queue and one verifiable audit chain.
/// </summary>
public sealed class TwoReplicaTests : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private readonly SandboxWorld _world = new();
    private HttpServerProcess? _a;
    private HttpServerProcess? _b;

    public TwoReplicaTests(PostgresFixture postgres) => _postgres = postgres;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        var config = _world.ConfigWithRules("""
            - id: read-all
              effect: allow
              tools: [describe-instances, list-permissions]
            - id: instance-ops
              effect: allow
              tools: [terminate-instances]
              resources: ["arn:aws:ec2:us-east-1:111122223333:instance/*"]
            """) + "  rateLimits:\n    - { id: reads, tools: [describe-instances], per: developer, limit: 3/minute }\n";
        config = config.Replace($"  sqlite: {_world.StorePath}", $"  postgres: \"{_postgres.ConnectionString}\"", StringComparison.Ordinal);
        Assert.Contains("postgres:", config, StringComparison.Ordinal);
        await File.WriteAllTextAsync(_world.ConfigPath, config);
        _a = await HttpServerProcess.StartAsync(_world);
        _b = await HttpServerProcess.StartAsync(_world);
    }

    public async Task DisposeAsync()
    {
        await (_a?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_b?.DisposeAsync() ?? ValueTask.CompletedTask);
        await _world.DisposeAsync();
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(params string[] args) =>
        SentrelyProcess.RunAsync(_world, [.. args, "--config", _world.ConfigPath]);

    private static async Task<McpClient> ConnectAsync(HttpServerProcess server, string token) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.McpUri,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }));

    private static string? Decision(CallToolResult result) =>
        result.IsError == true && result.StructuredContent is { } s && s.TryGetProperty("decision", out var d) ? d.GetString() : null;

    [Fact]
    public async Task TwoReplicas_OneRateLimitOneKillSwitchOneApprovalQueueOneAuditChain()
    {
        // Arrange: one token (stored in PostgreSQL by the CLI), a session on each replica.
        var created = await CliAsync("tokens", "create", "--developer", "dana", "--project", "payments");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var token = created.Stdout.Trim();
        await using var onA = await ConnectAsync(_a!, token);
        await using var onB = await ConnectAsync(_b!, token);
        var describe = new Dictionary<string, object?>();

        // Act + Assert: 3/minute per developer, counted across both replicas.
        var calls = new List<CallToolResult>
        {
            await onA.CallToolAsync("describe-instances", describe),
            await onB.CallToolAsync("describe-instances", describe),
            await onA.CallToolAsync("describe-instances", describe),
            await onB.CallToolAsync("describe-instances", describe),
            await onA.CallToolAsync("describe-instances", describe),
        };
        Assert.Equal([null, null, null, "rate_limited", "rate_limited"], calls.Select(Decision));

        // One approval queue: each replica's pending request is in the one list.
        var pendingA = await onA.CallToolAsync("terminate-instances", new Dictionary<string, object?> { ["instanceIds"] = new[] { _world.InstanceId } });
        var pendingB = await onB.CallToolAsync("terminate-instances", new Dictionary<string, object?> { ["instanceIds"] = new[] { _world.OtherInstanceId } });
        var listed = await CliAsync("approvals", "list", "--json");
        var ids = listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("approvalId").GetString()).ToList();
        Assert.Equal("approval_pending", Decision(pendingA));
        Assert.Equal("approval_pending", Decision(pendingB));
        Assert.Contains(pendingA.StructuredContent!.Value.GetProperty("approvalId").GetString(), ids);
        Assert.Contains(pendingB.StructuredContent!.Value.GetProperty("approvalId").GetString(), ids);
        var approve = await CliAsync("approvals", "approve", pendingA.StructuredContent!.Value.GetProperty("approvalId").GetString()!);
        Assert.True(approve.ExitCode == 0, approve.Stderr);
        var approved = await onA.CallToolAsync("terminate-instances", new Dictionary<string, object?> { ["instanceIds"] = new[] { _world.InstanceId } });
        Assert.True(approved.IsError != true, string.Concat(approved.Content.OfType<TextContentBlock>().Select(c => c.Text)));

        // One kill switch: a kill written once stops the developer's sessions on both replicas.
        var kill = await CliAsync("sessions", "kill", "--developer", "dana", "--reason", "replica test");
        Assert.True(kill.ExitCode == 0, kill.Stderr);
        Assert.Equal("killed", Decision(await onA.CallToolAsync("list-permissions", describe)));
        Assert.Equal("killed", Decision(await onB.CallToolAsync("list-permissions", describe)));

        // One audit chain, verifiable, with both records (intent, outcome) of every call made through either replica.
        var verify = await CliAsync("audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        var query = await CliAsync("audit", "query", "--json");
        var records = query.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var agent = records.Where(r => r.GetProperty("actor").GetString() == "agent" && r.GetProperty("developer").GetString() == "dana").ToList();
        Assert.Equal(2 * 10, agent.Count);
        Assert.Equal(2, agent.Select(r => r.GetProperty("sessionId").GetString()).Distinct().Count());
    }
}
