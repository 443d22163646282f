using Microsoft.Data.Sqlite;
using Sentrely.Audit;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Stores.Tests.Audit;

public sealed class SqliteAuditStoreTests : AuditStoreTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sentrely-audit-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_root, "state", "sentrely.db");

    protected override IAuditStore CreateStoreInstance() => new SqliteAuditStore(DatabasePath, Time);

    protected override IAuditStore CreateUnwritableStoreInstance()
    {
        // A regular file where a folder should be: creating the database must fail (even for root).
        Directory.CreateDirectory(_root);
        var blocker = Path.Combine(_root, "not-a-folder");
        File.WriteAllText(blocker, "x");
        return new SqliteAuditStore(Path.Combine(blocker, "sub", "sentrely.db"), Time);
    }

    protected override async Task TamperAsync(string sql)
    {
        await using var connection = OpenRaw();
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS audit_records_no_update; DROP TRIGGER IF EXISTS audit_records_no_delete; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = OpenRaw();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task FirstUse_CreatesPrivateFolderAndFile()
    {
        var store = CreateStore();

        await store.AppendAsync(NewRecord(), CancellationToken.None);

        Assert.True(File.Exists(DatabasePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(DatabasePath)!));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath));
        }
    }

    [Fact]
    public async Task FirstUse_WalModeAndCurrentSchemaVersion()
    {
        var store = CreateStore();

        await store.GetHeadAsync(CancellationToken.None);

        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(6L, await ScalarAsync("SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task Rows_AreReadableWithPlainSql()
    {
        var store = CreateStore();
        await store.AppendAsync(NewRecord(), CancellationToken.None);

        var row = await ScalarAsync("SELECT time || ' ' || tool || ' ' || decision || ' ' || resources || ' ' || json_extract(arguments, '$.key') FROM audit_records WHERE seq = 1;");

        Assert.Equal("2025-06-01T12:00:00.000Z put-build-artifact allow [\"arn:aws:s3:::my-app-deployments/builds/é.zip\"] builds/é.zip", row);
    }

    [Fact]
    public async Task PlainUpdateOrDelete_RefusedByTriggers()
    {
        var store = CreateStore();
        await store.AppendAsync(NewRecord(), CancellationToken.None);

        var update = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync("UPDATE audit_records SET decision = 'deny';"));
        await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync("DELETE FROM audit_records;"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Equal("allow", await ScalarAsync("SELECT decision FROM audit_records;"));
    }

    [Fact]
    public async Task NewerSchemaVersion_Refused()
    {
        var store = CreateStore();
        await store.GetHeadAsync(CancellationToken.None);
        await ScalarAsync("INSERT INTO schema_version (version, applied) VALUES (99, 'later');");

        var other = Track(CreateStoreInstance());

        await Assert.ThrowsAsync<NotSupportedException>(async () => await other.AppendAsync(NewRecord(), CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_WhileAnotherConnectionHoldsWriteLockBriefly_WaitsThenSucceeds()
    {
        var store = CreateStore();
        await store.AppendAsync(NewRecord(), CancellationToken.None);
        await using var blocker = OpenRaw();
        await using var transaction = blocker.BeginTransaction(deferred: false);

        // Microsoft.Data.Sqlite waits for the lock synchronously, so run the append on another thread.
        var pending = Task.Run(async () => await store.AppendAsync(NewRecord(), CancellationToken.None));
        await Task.Delay(300);
        var finishedWhileLocked = pending.IsCompleted;
        await transaction.CommitAsync();
        var appended = await pending.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(finishedWhileLocked);
        Assert.Equal(2, appended.Seq);
    }
}
