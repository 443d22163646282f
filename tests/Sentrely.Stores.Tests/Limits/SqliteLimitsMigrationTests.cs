using Microsoft.Extensions.Time.Testing;
using Sentrely.Limits;
using Sentrely.Sessions;

namespace Sentrely.Stores.Tests.Limits;

public sealed class SqliteLimitsMigrationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestStores _stores = new();
    private readonly FakeTimeProvider _time = new(Start);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task Migration_Version5Database_GainsLimitTablesAndKeepsItsRows()
    {
        // Arrange: a database as schema v5 left it, with a registered session.
        var old = _stores.NewStore(_time);
        await old.Sessions.RegisterAsync(new SessionRecord("sess_a", "jordan", "backend-api", null, null, "stdio", 1, "host", Start), default);
        await _stores.CloseAllAsync();
        await _stores.ScalarAsync("DROP TABLE rate_buckets; DROP TABLE ledger_instances; DROP TABLE ledger_reservations; DELETE FROM schema_version WHERE version >= 6;");
        Assert.Equal(5L, await _stores.ScalarAsync("SELECT MAX(version) FROM schema_version;"));

        // Act
        var store = _stores.NewStore(_time);
        var taken = await store.RateLimits!.TryTakeAsync([new RateLimitBucket("l/developer:jordan", 1, TimeSpan.FromHours(1))], default);
        await store.Ledger!.RecordLaunchedAsync([new LedgerInstance("i-1", "t3.micro", "sess_a", "jordan", "backend-api", Start, LedgerInstanceState.Running, "developer:jordan")], default);

        // Assert
        Assert.Equal(6L, await _stores.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.True(taken.IsAllowed);
        Assert.Equal(1, (await store.Ledger.UsageAsync("sess_b", "jordan", "developer:jordan", default)).SessionRunning);
        Assert.Equal("sess_a", Assert.Single(await store.Sessions.ListAsync(default)).SessionId);
    }
}
