using Sentrely.Stores.Postgres;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Postgres;

public sealed class PostgresStoreTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private PostgresTestStores? _stores;

    private PostgresTestStores Stores => _stores ?? throw new InvalidOperationException(PostgresFixture.UnavailableReason);

    public async Task InitializeAsync() => _stores = await PostgresTestStores.CreateAsync(fixture);

    public async Task DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrate_ConcurrentStartsThenAgain_OneVersionRowPerMigration()
    {
        // Arrange: four replicas starting at once on an empty schema.
        var replicas = Enumerable.Range(0, 4).Select(_ => Stores.NewStore()).ToList();

        // Act
        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.MigrateAsync(default))));
        await Stores.NewStore().MigrateAsync(default);
        var versions = await ScalarAsync("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version;");

        // Assert
        Assert.Equal("1,2", versions);
    }

    [Fact]
    public async Task Migrate_Version1Schema_LedgerGainsSessionGroupAndKeepsItsRows()
    {
        // Arrange: a schema as version 1 left it, with one running instance.
        await Stores.NewStore().MigrateAsync(default);
        await PostgresFixture.ExecuteAsync(
            Stores.ConnectionString,
            """
            DROP INDEX ledger_instances_group;
            ALTER TABLE ledger_instances DROP COLUMN sessionGroup;
            DROP TABLE ledger_reservations;
            CREATE TABLE ledger_reservations (callId text PRIMARY KEY, sessionId text NOT NULL, developer text NOT NULL,
                instanceTypes text[] NOT NULL, expires timestamptz NOT NULL);
            INSERT INTO ledger_reservations VALUES ('call_old', 'sess_a', 'jordan', '{t3.micro}', now() + interval '5 minutes');
            DELETE FROM schema_version WHERE version >= 2;
            INSERT INTO ledger_instances VALUES ('i-1', 't3.micro', 'sess_a', 'jordan', 'p', now(), 'running');
            """);

        // Act
        var ledger = Stores.NewStore().Ledger!;
        var own = await ledger.UsageAsync("sess_a", "jordan", "developer:jordan", default);
        var next = await ledger.UsageAsync("sess_b", "jordan", "developer:jordan", default);

        // Assert: the old instance counts for its session and developer (it has no group); the old reservation, at most
        // five minutes long, was dropped with the table's old shape.
        Assert.Equal("1,2", await ScalarAsync("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version;"));
        Assert.Equal((1, 1), (own.SessionRunning, own.DeveloperRunning));
        Assert.Equal((0, 1), (next.SessionRunning, next.DeveloperRunning));
    }

    [Fact]
    public async Task Migrate_NewerSchemaVersion_Refused()
    {
        await Stores.NewStore().MigrateAsync(default);
        await PostgresFixture.ExecuteAsync(Stores.ConnectionString, "INSERT INTO schema_version VALUES (999, now());");

        await Assert.ThrowsAsync<NotSupportedException>(() => Stores.NewStore().MigrateAsync(default));
    }

    [Fact]
    public async Task IsReachable_LiveServerAndClosedPort_TrueThenFalse()
    {
        await using var closed = new PostgresStore("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2", TimeProvider.System);

        Assert.True(await Stores.NewStore().IsReachableAsync(default));
        Assert.False(await closed.IsReachableAsync(default));
    }

    [Fact]
    public async Task Description_ConnectionStringWithPassword_HostPortDatabaseNoPassword()
    {
        await using var store = new PostgresStore("Host=db.internal;Port=6432;Database=sentrely;Username=app;Password=hunter2-secret", TimeProvider.System);

        Assert.Equal("PostgreSQL db.internal:6432/sentrely", store.Description);
        Assert.DoesNotContain("hunter2", store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MalformedConnectionString_ThrowsWithoutEchoingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostgresStore("Host=x;Password=hunter2-secret;Bogus Key=1", TimeProvider.System));

        Assert.DoesNotContain("hunter2", ex.ToString(), StringComparison.Ordinal);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Stores.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
