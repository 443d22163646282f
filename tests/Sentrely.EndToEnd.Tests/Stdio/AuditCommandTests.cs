using System.Text.Json;
using Microsoft.Data.Sqlite;
using static Sentrely.EndToEnd.Tests.Stdio.StdioServerTests;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary><c>sentrely audit …</c> against the store a real server wrote.</summary>
public sealed class AuditCommandTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public AuditCommandTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Audit_TailQueryExportHeadVerify_ThenTamperingDetected()
    {
        await using (var session = await McpClientSession.StartAsync(_world))
        {
            await session.Client.CallToolAsync("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/app.zip")));
            await session.Client.CallToolAsync("put-build-artifact", Args(("bucket", SandboxWorld.OtherBucket), ("key", "x"), ("text", "x")));
        }

        var tail = await SentrelyProcess.RunAsync(_world, "audit", "tail", "--config", _world.ConfigPath);
        var query = await SentrelyProcess.RunAsync(_world, "audit", "query", "--decision", "deny", "--json", "--config", _world.ConfigPath);
        var export = await SentrelyProcess.RunAsync(_world, "audit", "export", "--format", "jsonl", "--config", _world.ConfigPath);
        var head = await SentrelyProcess.RunAsync(_world, "audit", "head", "--config", _world.ConfigPath);
        var verify = await SentrelyProcess.RunAsync(_world, "audit", "verify", "--head", head.Stdout.Trim(), "--config", _world.ConfigPath);

        Assert.Equal(0, tail.ExitCode);
        Assert.Contains("get-build-artifact", tail.Stdout, StringComparison.Ordinal);
        var denied = query.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.NotEmpty(denied);
        Assert.All(denied, r => Assert.Equal("deny", r.GetProperty("decision").GetString()));
        var exported = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, exported.Length); // the server's configuration load, then two records per call
        Assert.Equal("sentrely:config", JsonDocument.Parse(exported[0]).RootElement.GetProperty("tool").GetString());
        Assert.Matches("^5:[0-9a-f]{64}$", head.Stdout.Trim());
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("ok: 5 records", verify.Stdout, StringComparison.Ordinal);

        Tamper("UPDATE audit_records SET decision = 'allow' WHERE seq = 4");
        var tampered = await SentrelyProcess.RunAsync(_world, "audit", "verify", "--config", _world.ConfigPath);

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("record 4", tampered.Stdout, StringComparison.Ordinal);
    }

    private void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_world.StorePath};Pooling=False");
        connection.Open();
        using (var drop = connection.CreateCommand())
        {
            // An attacker with the file drops the append-only triggers first.
            drop.CommandText = "SELECT 'DROP TRIGGER ' || name FROM sqlite_master WHERE type = 'trigger'";
            var statements = new List<string>();
            using (var reader = drop.ExecuteReader())
            {
                while (reader.Read())
                {
                    statements.Add(reader.GetString(0));
                }
            }

            foreach (var statement in statements.Append(sql))
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }
        }
    }
}
