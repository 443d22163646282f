using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Sentrely.Audit;
using Sentrely.Sessions;
using Sentrely.Stores.Sqlite;
using Xunit.Abstractions;

namespace Sentrely.Stores.Tests.Sessions;

public sealed class SqliteSessionRegistryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionContext Jordan = new("sess_jordan0000000000000", "jordan", "backend-api", "agent", "claude-code", "1.0", "stdio");

    private readonly ITestOutputHelper _output;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sentrely-session-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteAuditStore> _stores = [];

    public SqliteSessionRegistryTests(ITestOutputHelper output) => _output = output;

    private string DatabasePath => Path.Combine(_root, "sentrely.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task IsKilled_StoreUnreadable_Throws()
    {
        // Arrange: a regular file where the folder should be.
        Directory.CreateDirectory(_root);
        var blocker = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var store = new SqliteAuditStore(Path.Combine(blocker, "sentrely.db"), TimeProvider.System);
        _stores.Add(store);

        // Act + Assert
        await Assert.ThrowsAnyAsync<Exception>(async () => await new SqliteSessionRegistry(store).IsKilledAsync(Jordan, default));
    }

    [Fact]
    public async Task Migration_Version1Database_GainsRegistryAndKeepsRecords()
    {
        // Arrange: a database as version 1 left it (audit_records only).
        var store = Store();
        await store.AppendAsync(Record(), default);
        await ExecuteAsync("DROP TABLE rate_buckets; DROP TABLE ledger_instances; DROP TABLE ledger_reservations; DROP TABLE tokens; DROP TABLE approvals; DROP TABLE sessions; DROP TABLE kill_rules; ALTER TABLE audit_records DROP COLUMN hmac; DELETE FROM schema_version WHERE version >= 2;");
        SqliteConnection.ClearAllPools();

        // Act
        var reopened = Store();
        var registry = new SqliteSessionRegistry(reopened);
        await registry.KillAsync(new KillRule(KillTarget.All, "r", "oncall", Start), default);

        // Assert
        Assert.NotNull(await registry.IsKilledAsync(Jordan, default));
        Assert.Equal(1, (await reopened.GetHeadAsync(default))!.Seq);
        Assert.True((await AuditVerifier.VerifyAsync(reopened.ReadAsync(new AuditQuery(), default), null, default)).Ok);
    }

    [Fact]
    public async Task IsKilled_Measured_IsCheapEnoughForEveryCall()
    {
        // Arrange
        var registry = Registry();
        for (var i = 0; i < 200; i++)
        {
            await registry.KillAsync(new KillRule(new KillTarget(KillTargetKind.Session, $"sess_other{i:D15}"), "r", "oncall", Start), default);
        }

        await registry.IsKilledAsync(Jordan, default);

        // Act
        const int Checks = 500;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Checks; i++)
        {
            await registry.IsKilledAsync(Jordan, default);
        }

        watch.Stop();

        // Assert
        var perCheck = watch.Elapsed.TotalMilliseconds / Checks;
        _output.WriteLine($"IsKilledAsync: {perCheck:F3} ms per check ({Checks} checks, 200 kill rules, pooled connection)");
        Assert.True(perCheck < 20, $"a kill check took {perCheck:F3} ms");
    }

    private SqliteAuditStore Store()
    {
        var store = new SqliteAuditStore(DatabasePath, TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    private SqliteSessionRegistry Registry() => new(Store());

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static AuditRecord Record() => new()
    {
        Id = Identifiers.NewAuditRecordId(),
        CallId = Identifiers.NewCallId(),
        Time = Start,
        Phase = "intent",
        SessionId = Jordan.SessionId,
        Developer = "jordan",
        Project = "backend-api",
        Actor = "agent",
        Transport = "stdio",
        Tool = "put-build-artifact",
        Decision = "allow",
    };
}
