using Sentrely.Audit;
using Sentrely.Stores.Sqlite;
using static Sentrely.EndToEnd.Tests.Stdio.StdioServerTests;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary><c>serve --sandbox</c> and <c>demo</c>: the full pipeline against the built-in test double, clearly marked.</summary>
public sealed class SandboxTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public SandboxTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Demo_EveryExpectationHolds_AuditVerifies()
    {
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, "demo");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("All 18 expectations held; the audit chain verifies.", stdout, StringComparison.Ordinal);
        Assert.Contains("✖ REFUSED  update-function-code", stdout, StringComparison.Ordinal);
        Assert.Contains("$ sentrely approvals approve apr_", stdout, StringComparison.Ordinal);
        Assert.Contains("root's agent asks to run `terminate-instances`".Replace("root", Environment.UserName, StringComparison.Ordinal), stdout, StringComparison.Ordinal);
        Assert.Contains("chain intact", stdout, StringComparison.Ordinal);
        var tail = await SentrelyProcess.RunAsync(_world, "audit", "tail", "--sandbox", "-n", "12");
        Assert.Contains("delete-bucket", tail.Stdout, StringComparison.Ordinal);
        Assert.Contains("sentrely:approvals", tail.Stdout, StringComparison.Ordinal);
        Assert.Contains(" approved ", tail.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeSandbox_MarkedInServerInfoAndAuditRecords_KeptOutOfTheRealStore()
    {
        var transport = new ModelContextProtocol.Client.StdioClientTransport(new()
        {
            Command = SentrelyProcess.Command,
            Arguments = SentrelyProcess.Arguments("serve", "--sandbox"),
            WorkingDirectory = _world.WorkFolder,
            EnvironmentVariables = _world.ServerEnvironment.ToDictionary(),
        });
        await using (var client = await ModelContextProtocol.Client.McpClient.CreateAsync(transport))
        {
            Assert.Contains("sandbox", client.ServerInfo!.Title, StringComparison.Ordinal);
            var result = await client.CallToolAsync("describe-instances", Args());
            Assert.NotEqual(true, result.IsError);
        }

        var sandboxStore = Path.Combine(_world.Folder, ".local", "state", "sentrely", "sandbox.db");
        await using var store = new SqliteAuditStore(sandboxStore, TimeProvider.System);
        var records = new List<AuditRecord>();
        await foreach (var r in store.ReadAsync(new AuditQuery { Tool = "describe-instances" }, default))
        {
            records.Add(r);
        }

        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("sandbox+stdio", r.Transport));
        Assert.False(File.Exists(Path.Combine(_world.Folder, ".local", "state", "sentrely", "sentrely.db")));
    }
}
