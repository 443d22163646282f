using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Sentrely.Audit;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Stores.Tests.Audit;

/// <summary>HMAC-signed records against the real SQLite file: a writer without the key is caught even when it rebuilds the whole chain.</summary>
public sealed class SqliteAuditStoreSigningTests : IAsyncLifetime
{
    private static readonly AuditSigner Signer = AuditSigner.FromKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sentrely-audit-signing-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteAuditStore> _stores = [];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

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
    public async Task AppendAsync_WithKey_StoresHmacOfHash_AndVerifies()
    {
        var store = Open(Signer);

        var appended = await AppendAsync(store, 3);
        var stored = await ReadAllAsync(store);
        var result = await VerifyAsync(store, Signer);

        Assert.All(appended, r => Assert.Equal(Signer.Sign(r.Hash), r.Hmac));
        Assert.Equal(appended.Select(r => r.Hmac), stored.Select(r => r.Hmac));
        Assert.Equal(Signer.Sign(appended[0].Hash), await ScalarAsync("SELECT hmac FROM audit_records WHERE seq = 1;"));
        Assert.True(result.Ok, result.Problem);
        Assert.True(result.SignaturesChecked);
    }

    [Fact]
    public async Task AppendAsync_WithoutKey_HmacNull_SameHashAsSigned()
    {
        var unsigned = await AppendAsync(Open(null), 1);

        Assert.Null(unsigned[0].Hmac);
        Assert.Equal(DBNull.Value, await ScalarAsync("SELECT hmac FROM audit_records WHERE seq = 1;"));
        Assert.Equal(AuditHashChain.ComputeHash(unsigned[0] with { Hmac = Signer.Sign(unsigned[0].Hash) }), unsigned[0].Hash);
    }

    [Fact]
    public async Task Verify_WholeChainRebuiltWithoutKey_CaughtAtRecord1()
    {
        // Arrange: the signed log, then an attacker with write access to the file but not the key replaces it.
        await AppendAsync(Open(Signer), 3);
        await ExecuteRawAsync("DROP TRIGGER audit_records_no_delete; DELETE FROM audit_records;");
        await AppendAsync(Open(null), 3);

        // Act
        var withoutKey = await VerifyAsync(Open(null), null);
        var withKey = await VerifyAsync(Open(null), Signer);

        // Assert
        Assert.True(withoutKey.Ok, withoutKey.Problem);
        Assert.False(withKey.Ok);
        Assert.Equal(1, withKey.FirstBadSeq);
        Assert.StartsWith("record 1 is not signed by the configured key", withKey.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RecordAppendedByWriterWithoutKey_NamesIt()
    {
        await AppendAsync(Open(Signer), 11);
        await AppendAsync(Open(null), 1);

        var result = await VerifyAsync(Open(null), Signer);

        Assert.False(result.Ok);
        Assert.Equal(12, result.FirstBadSeq);
        Assert.Equal(11, result.Checked);
        Assert.Equal("record 12 is not signed by the configured key (it has no signature): a writer without the key rebuilt or inserted it", result.Problem);
    }

    [Fact]
    public async Task Verify_HmacColumnForged_NamesItAsWrong()
    {
        await AppendAsync(Open(Signer), 3);
        await ExecuteRawAsync($"DROP TRIGGER audit_records_no_update; UPDATE audit_records SET hmac = '{new string('0', 64)}' WHERE seq = 2;");

        var result = await VerifyAsync(Open(null), Signer);

        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBadSeq);
        Assert.Contains("its signature is wrong", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_Version2Database_MigratesInPlace_KeepsRecords()
    {
        // Arrange: a log written by schema v2 (before the hmac column came, in v3).
        var old = await AppendAsync(Open(null), 2);
        await DisposeAllAsync();
        await ExecuteRawAsync("DROP TABLE rate_buckets; DROP TABLE ledger_instances; DROP TABLE ledger_reservations; DROP TABLE tokens; DROP TABLE approvals; ALTER TABLE audit_records DROP COLUMN hmac; DELETE FROM schema_version WHERE version >= 3;");
        Assert.Equal(2L, await ScalarAsync("SELECT MAX(version) FROM schema_version;"));

        // Act
        var store = Open(Signer);
        var next = await store.AppendAsync(NewRecord(), CancellationToken.None);
        var records = await ReadAllAsync(store);

        // Assert
        Assert.Equal(6L, await ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal([.. old.Select(r => r.Hash), next.Hash], records.Select(r => r.Hash));
        Assert.Equal([null, null, Signer.Sign(next.Hash)], records.Select(r => r.Hmac));
        Assert.True((await VerifyAsync(store, null)).Ok);
    }

    private SqliteAuditStore Open(AuditSigner? signer)
    {
        var store = new SqliteAuditStore(DatabasePath, _time, signer);
        _stores.Add(store);
        return store;
    }

    private async Task DisposeAllAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
        SqliteConnection.ClearAllPools();
    }

    private static AuditRecord NewRecord() => new()
    {
        Id = Sentrely.Sessions.Identifiers.NewAuditRecordId(),
        CallId = Sentrely.Sessions.Identifiers.NewCallId(),
        Time = default,
        Phase = "intent",
        SessionId = "sess_a",
        Developer = "jordan",
        Project = "backend-api",
        Actor = "agent",
        Transport = "stdio",
        Tool = "put-build-artifact",
        Decision = "allow",
    };

    private static async Task<List<AuditRecord>> AppendAsync(SqliteAuditStore store, int count)
    {
        var appended = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
        {
            appended.Add(await store.AppendAsync(NewRecord(), CancellationToken.None));
        }

        return appended;
    }

    private static async Task<List<AuditRecord>> ReadAllAsync(SqliteAuditStore store)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in store.ReadAsync(new AuditQuery(), CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    private static ValueTask<AuditVerification> VerifyAsync(SqliteAuditStore store, AuditSigner? signer) =>
        AuditVerifier.VerifyAsync(store.ReadAsync(new AuditQuery(), CancellationToken.None), null, signer, CancellationToken.None);

    private async Task ExecuteRawAsync(string sql) => await ScalarAsync(sql);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
