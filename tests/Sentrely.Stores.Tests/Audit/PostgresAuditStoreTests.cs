using Sentrely.Audit;
using Sentrely.Stores.Postgres;
using Sentrely.Stores.Tests.Postgres;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Audit;

public sealed class PostgresAuditStoreTests(PostgresFixture fixture) : AuditStoreTests, IClassFixture<PostgresFixture>
{
    private PostgresTestStores? _stores;

    private PostgresTestStores Stores => _stores ?? throw new InvalidOperationException(PostgresFixture.UnavailableReason);

    public override async Task InitializeAsync() => _stores = await PostgresTestStores.CreateAsync(fixture);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }
    }

    protected override IAuditStore CreateStoreInstance() => Stores.NewStore(Time).Audit;

    protected override IAuditStore CreateUnwritableStoreInstance() =>
        new PostgresStore("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2", Time).Audit;

    // As the database owner would: the triggers stop the application's statements, not a superuser who disables them.
    protected override Task TamperAsync(string sql) =>
        PostgresFixture.ExecuteAsync(Stores.ConnectionString, $"ALTER TABLE audit_records DISABLE TRIGGER USER; {sql} ALTER TABLE audit_records ENABLE TRIGGER USER;");

    [Theory]
    [InlineData("UPDATE audit_records SET decision = 'deny' WHERE seq = 1;")]
    [InlineData("DELETE FROM audit_records WHERE seq = 1;")]
    [InlineData("TRUNCATE audit_records;")]
    public async Task Tamper_WithTriggersInPlace_RefusedAndChainIntact(string sql)
    {
        // Arrange
        var store = CreateStore();
        var appended = await AppendManyAsync(store, 2);

        // Act
        var ex = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => PostgresFixture.ExecuteAsync(Stores.ConnectionString, sql));

        // Assert
        Assert.Contains("append-only", ex.MessageText, StringComparison.Ordinal);
        var verification = await VerifyAsync(store, new AuditHead(appended[^1].Seq, appended[^1].Hash));
        Assert.True(verification.Ok);
        Assert.Equal(2L, verification.Checked);
    }

    [Fact]
    public async Task AppendAsync_TwoStoreInstancesTimes200Concurrently_OneVerifiedChainOf400()
    {
        // Arrange: two replicas, each with its own pool.
        var first = CreateStore();
        var second = CreateStore();

        // Act
        async Task WriteAsync(IAuditStore store)
        {
            for (var i = 0; i < 200; i++)
            {
                await store.AppendAsync(NewRecord(sessionId: store == first ? "sess_a" : "sess_b"), CancellationToken.None);
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(first)), Task.Run(() => WriteAsync(second)));
        var head = await first.GetHeadAsync(CancellationToken.None);

        // Assert
        var verification = await VerifyAsync(second, head);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal(400L, verification.Checked);
        Assert.Equal(400L, head!.Seq);
    }
}
