using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Sentrely.EndToEnd.Tests.Stdio;
using Xunit.Abstractions;
using static Sentrely.EndToEnd.Tests.Stdio.StdioServerTests;

namespace Sentrely.EndToEnd.Tests.Sessions;

/// <summary><c>sentrely sessions kill</c> run as its own process stops a server already running in another.</summary>
public sealed class KillSwitchTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;
    private readonly ITestOutputHelper _output;

    public KillSwitchTests(SandboxWorld world, ITestOutputHelper output)
    {
        _world = world;
        _output = output;
    }

    [Fact]
    public async Task Kill_FromAnotherProcess_NextCallRefusedWithoutAwsRequest_UnkillRestores()
    {
        // Arrange: a running server whose first call succeeds.
        await using var session = await McpClientSession.StartAsync(_world);
        var get = Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/notes.txt"));
        var first = await session.Client.CallToolAsync("get-build-artifact", get);
        Assert.NotEqual(true, first.IsError);
        var live = await SessionsCli.LiveSessionAsync(_world);
        var sessionId = live.GetProperty("sessionId").GetString()!;
        Assert.Equal("jordan", live.GetProperty("developer").GetString());
        Assert.Equal("backend-api", live.GetProperty("project").GetString());
        Assert.Equal("sentrely-e2e", live.GetProperty("clientName").GetString());
        var requests = _world.Double.Requests.Count;
        var assumeRoles = _world.Double.AssumeRoles.Count;

        // Act: kill from a separate process, then call at once.
        var kill = await SentrelyProcess.RunAsync(_world, "sessions", "kill", sessionId, "--reason", "incident 42", "--config", _world.ConfigPath);
        var sinceKill = Stopwatch.StartNew();
        var refused = await session.Client.CallToolAsync("get-build-artifact", get);
        sinceKill.Stop();
        _output.WriteLine($"kill latency: {sinceKill.Elapsed.TotalMilliseconds:F1} ms from `sessions kill` exiting to the first refused call's result (first call after the kill)");
        var requestsWhileKilled = _world.Double.Requests.Count;
        var assumeRolesWhileKilled = _world.Double.AssumeRoles.Count;
        var listed = (await SessionsCli.ListAsync(_world)).Single(s => s.GetProperty("sessionId").GetString() == sessionId);
        var unkill = await SentrelyProcess.RunAsync(_world, "sessions", "unkill", sessionId, "--config", _world.ConfigPath);
        var resumed = await session.Client.CallToolAsync("get-build-artifact", get);

        // Assert
        Assert.True(kill.ExitCode == 0, kill.Stderr);
        Assert.True(refused.IsError);
        var structured = refused.StructuredContent!.Value;
        Assert.Equal("killed", structured.GetProperty("decision").GetString());
        Assert.Contains("incident 42", Text(refused), StringComparison.Ordinal);
        Assert.Contains("sessions unkill", Text(refused), StringComparison.Ordinal);
        Assert.Equal(requests, requestsWhileKilled);
        Assert.Equal(assumeRoles, assumeRolesWhileKilled);
        Assert.True(listed.GetProperty("killed").GetBoolean());
        Assert.True(unkill.ExitCode == 0, unkill.Stderr);
        Assert.NotEqual(true, resumed.IsError);
        Assert.Equal(
            [("killed", "killed", "killed"), ("allow", "allow", "allow")],
            await SessionsRecordsAsync(sessionId));
        var verify = await SentrelyProcess.RunAsync(_world, "audit", "verify", "--config", _world.ConfigPath);
        Assert.True(verify.ExitCode == 0, verify.Stdout);
    }

    [Fact]
    public async Task Kill_NoTargetOrTwoTargets_UsageError()
    {
        // Act
        var none = await SentrelyProcess.RunAsync(_world, "sessions", "kill", "--config", _world.ConfigPath);
        var two = await SentrelyProcess.RunAsync(_world, "sessions", "kill", "--all", "--developer", "jordan", "--config", _world.ConfigPath);

        // Assert
        Assert.Equal(2, none.ExitCode);
        Assert.Equal(2, two.ExitCode);
    }

    private static string Text(ModelContextProtocol.Protocol.CallToolResult result) =>
        string.Concat(result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(c => c.Text));

    // (kill/unkill record decision, the killed call's intent decision, outcome decision) — read back from the real file.
    private async Task<List<(string, string, string)>> SessionsRecordsAsync(string sessionId)
    {
        await using var connection = new SqliteConnection($"Data Source={_world.StorePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.decision, c.decision, c2.decision FROM audit_records o
            JOIN audit_records c ON c.sessionId = $id AND c.tool = 'get-build-artifact' AND c.phase = 'intent' AND c.seq > o.seq
            JOIN audit_records c2 ON c2.callId = c.callId AND c2.phase = 'outcome'
            WHERE o.tool = 'sentrely:sessions' AND o.actor = 'operator' AND o.resources = $target
              AND c.seq = (SELECT MIN(seq) FROM audit_records WHERE sessionId = $id AND tool = 'get-build-artifact' AND phase = 'intent' AND seq > o.seq)
            ORDER BY o.seq;
            """;
        command.Parameters.AddWithValue("$id", sessionId);
        command.Parameters.AddWithValue("$target", $"[\"session:{sessionId}\"]");
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
