using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using Sentrely.EndToEnd.Tests.Http;
using Sentrely.TestUtilities;
using Xunit.Abstractions;

namespace Sentrely.EndToEnd.Tests.Replicas;

/// <summary>
/// Bounded, loopback-only load: N concurrent MCP sessions spread over two replicas sharing one PostgreSQL database,
/// each calling describe-instances against the AWS double. Reports calls/s and p50/p99 and checks that the audit chain
/// verifies with exactly two records per call. Short by default (CI); set SENTRELY_LOAD_SESSIONS and
/// SENTRELY_LOAD_CALLS for a longer run.
/// </summary>
public sealed class LoadTests : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private readonly ITestOutputHelper _output;
    private readonly SandboxWorld _world = new();
    private HttpServerProcess? _a;
    private HttpServerProcess? _b;

    public LoadTests(PostgresFixture postgres, ITestOutputHelper output)
    {
        _postgres = postgres;
        _output = output;
    }

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        var config = _world.ConfigWithRules("- { id: read-all, effect: allow, tools: [describe-instances] }\n")
            .Replace($"  sqlite: {_world.StorePath}", $"  postgres: \"{_postgres.ConnectionString}\"", StringComparison.Ordinal)
            // Every session uses one token: lift the per-token caps to the most sessions this test opens.
            + "server:\n  limits: { concurrentCallsPerToken: 256, sessionsPerToken: 256 }\n";
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

    private static int Setting(string name, int fallback, int max) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0
            ? Math.Min(value, max)
            : fallback;

    [Fact]
    public async Task TwoReplicasOnePostgres_ConcurrentSessions_NoFailedCallNoLostAuditRecord()
    {
        // Arrange
        var sessions = Setting("SENTRELY_LOAD_SESSIONS", 8, 256);
        var calls = Setting("SENTRELY_LOAD_CALLS", 25, 2_000);
        var created = await SentrelyProcess.RunAsync(_world, "tokens", "create", "--developer", "load", "--project", "bench", "--config", _world.ConfigPath);
        Assert.True(created.ExitCode == 0, created.Stderr);
        var token = created.Stdout.Trim();
        var clients = await Task.WhenAll(Enumerable.Range(0, sessions).Select(s => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = (s % 2 == 0 ? _a! : _b!).McpUri,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }))));
        var latencies = new double[sessions * calls];
        var failures = 0;

        // Act
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, s) => Task.Run(async () =>
        {
            for (var c = 0; c < calls; c++)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());
                latencies[(s * calls) + c] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (result.IsError == true)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        wall.Stop();
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        // Assert
        Array.Sort(latencies);
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        var total = sessions * calls;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: 2 replicas, 1 PostgreSQL, {sessions} sessions, {total} describe-instances calls in {wall.Elapsed.TotalSeconds:F1} s: {total / wall.Elapsed.TotalSeconds:F0} calls/s, p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, max {latencies[^1]:F1} ms, {failures} failed"));
        Assert.Equal(0, failures);
        var verify = await SentrelyProcess.RunAsync(_world, "audit", "verify", "--config", _world.ConfigPath);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        var query = await SentrelyProcess.RunAsync(_world, "audit", "query", "--tool", "describe-instances", "--json", "--config", _world.ConfigPath);
        var records = query.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2 * total, records.Count);
        Assert.Equal(total, records.Count(r => r.GetProperty("phase").GetString() == "outcome" && r.GetProperty("outcome").GetString() == "ok"));
    }
}
