using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Sentrely.EndToEnd.Tests.Stdio;
using Sentrely.Sandbox;
using static Sentrely.EndToEnd.Tests.Stdio.StdioServerTests;

namespace Sentrely.EndToEnd.Tests.Sessions;

/// <summary>kill -9 between a call's intent and its outcome: the next server start records the outcome as unknown.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task ServerKilledMidCall_NextStartRecordsUnknownOutcome_AndChainVerifies()
    {
        // Arrange: the double keeps the function "InProgress" so update-function-code stays in its wait loop.
        var world = new SandboxWorld(new AwsTestDoubleOptions { LambdaUpdateReadsUntilSuccessful = 1_000_000 });
        await world.InitializeAsync();
        try
        {
            var session = await McpClientSession.StartAsync(world);
            var live = await SessionsCli.LiveSessionAsync(world);
            var sessionId = live.GetProperty("sessionId").GetString()!;
            using var server = Process.GetProcessById(live.GetProperty("pid").GetInt32());
            var call = session.Client.CallToolAsync(
                "update-function-code",
                Args(("functionName", SandboxWorld.Function), ("zipBase64", Convert.ToBase64String(Encoding.UTF8.GetBytes("v3"))))).AsTask();
            var intent = await WaitForOpenIntentAsync(world, sessionId);

            // Act: SIGKILL mid-call, then start a new server (startup runs the recovery).
            server.Kill();
            await server.WaitForExitAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => call);
            await session.DisposeAsync();
            await using (var next = await McpClientSession.StartAsync(world))
            {
                await next.Client.ListToolsAsync();
            }

            var verify = await SentrelyProcess.RunAsync(world, "audit", "verify", "--config", world.ConfigPath);

            // Assert
            var outcome = await ScalarAsync(world, $"SELECT outcome || '|' || errorCode || '|' || decision || '|' || tool || '|' || developer FROM audit_records WHERE callId = '{intent}' AND phase = 'outcome'");
            Assert.Equal("unknown|Orphaned|allow|update-function-code|jordan", outcome);
            Assert.Equal(1L, await ScalarAsync(world, $"SELECT COUNT(*) FROM audit_records WHERE callId = '{intent}' AND phase = 'outcome'"));
            Assert.NotNull(await ScalarAsync(world, $"SELECT ended FROM sessions WHERE sessionId = '{sessionId}'"));
            Assert.True(verify.ExitCode == 0, verify.Stdout);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    private static async Task<string> WaitForOpenIntentAsync(SandboxWorld world, string sessionId)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await ScalarAsync(world, $"SELECT callId FROM audit_records i WHERE sessionId = '{sessionId}' AND tool = 'update-function-code' AND phase = 'intent' AND NOT EXISTS (SELECT 1 FROM audit_records o WHERE o.callId = i.callId AND o.phase = 'outcome')") is string callId
                && world.Double.Requests.Count(r => r.Service == "lambda") >= 2)
            {
                return callId;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the update-function-code intent never appeared in the store");
    }

    private static async Task<object?> ScalarAsync(SandboxWorld world, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={world.StorePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
