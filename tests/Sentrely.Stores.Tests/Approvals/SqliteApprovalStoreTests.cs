using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Sentrely.Approval;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Stores.Tests.Approvals;

public sealed partial class SqliteApprovalStoreTests : ApprovalStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sentrely-approval-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteAuditStore> _stores = [];
    private readonly FakeTimeProvider _time = new(Start);

    private string DatabasePath => Path.Combine(_root, "sentrely.db");

    // Every instance has its own audit store object, as the server and the CLI (separate processes) do.
    protected override IApprovalStore CreateStore() => new SqliteApprovalStore(AuditStore());

    public override async Task DisposeAsync()
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
    public async Task Migration_Version3Database_GainsApprovalsAndSchemaVersion4()
    {
        // Arrange: a database as schema v3 left it.
        await CreateStore().ListAsync(all: true, Start, default);
        await ExecuteAsync("DROP TABLE rate_buckets; DROP TABLE ledger_instances; DROP TABLE ledger_reservations; DROP TABLE tokens; DROP TABLE approvals; DELETE FROM schema_version WHERE version >= 4;");
        Assert.Equal(3L, await ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        await DisposeStoresAsync();

        // Act
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        var (_, created) = await store.OpenAsync(request, Start, default);
        var approved = await store.DecideAsync(request.Id, true, "alex", null, Start.AddMinutes(1), Validity, default);
        var used = await store.ConsumeAsync(FingerprintA, "call_1", Start.AddMinutes(2), default);

        // Assert
        Assert.Equal(6L, await ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.True(created);
        Assert.NotNull(approved);
        Assert.Equal(request.Id, used?.Id);
    }

    [Fact]
    public async Task Rows_AreReadableWithPlainSql()
    {
        // Arrange
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start) with { Resources = ["arn:aws:s3:::builds/app.zip"], RuleIds = ["prod-writes"] };
        await store.OpenAsync(request, Start, default);
        await store.DecideAsync(request.Id, true, "alex", "ok", Start.AddSeconds(90.25), Validity, default);

        // Act
        var row = await ScalarAsync(
            "SELECT status || ' ' || decidedBy || ' ' || decided || ' ' || expires || ' ' || created || ' ' || tool || ' ' "
            + "|| json_extract(resources, '$[0]') || ' ' || json_extract(ruleIds, '$[0]') || ' ' || json_extract(arguments, '$.key') "
            + $"FROM approvals WHERE id = '{request.Id}';");

        // Assert
        Assert.Equal(
            "approved alex 2025-06-01T12:01:30.250Z 2025-06-01T12:11:30.250Z 2025-06-01T12:00:00.000Z put-build-artifact arn:aws:s3:::builds/app.zip prod-writes app.zip",
            row);
    }

    [Fact]
    public async Task Get_RowWithBrokenJson_ThrowsInvalidData()
    {
        // Arrange: someone with file access edits the row.
        var request = Candidate(FingerprintA, Start);
        await CreateStore().OpenAsync(request, Start, default);
        await ExecuteAsync("UPDATE approvals SET resources = 'not json';");

        // Act + Assert
        await Assert.ThrowsAsync<InvalidDataException>(async () => await CreateStore().GetAsync(request.Id, default));
    }

    private SqliteAuditStore AuditStore()
    {
        var store = new SqliteAuditStore(DatabasePath, _time);
        _stores.Add(store);
        return store;
    }

    private async Task DisposeStoresAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
        SqliteConnection.ClearAllPools();
    }

    private async Task ExecuteAsync(string sql) => await ScalarAsync(sql);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
