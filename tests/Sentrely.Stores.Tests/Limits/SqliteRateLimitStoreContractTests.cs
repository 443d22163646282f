using Microsoft.Extensions.Time.Testing;
using Sentrely.Limits;

namespace Sentrely.Stores.Tests.Limits;

/// <summary>Rate-limit buckets in the SQLite file; every <see cref="CreateStore"/> is another store instance on it, as another process has.</summary>
public sealed class SqliteRateLimitStoreContractTests : RateLimitStoreContractTests
{
    private readonly SqliteTestStores _stores = new();

    protected override IRateLimitStore CreateStore() => _stores.NewStore(Time).RateLimits!;

    public override async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task TryTake_StoreClosedAndReopened_BucketContinues()
    {
        // Arrange: a process takes 2 of 3 tokens and exits.
        var bucket = new RateLimitBucket("writes/developer:jordan", 3, TimeSpan.FromHours(1));
        var first = CreateStore();
        await first.TryTakeAsync([bucket], default);
        await first.TryTakeAsync([bucket], default);
        await _stores.CloseAllAsync();

        // Act: the next process.
        var reopened = CreateStore();
        var last = await reopened.TryTakeAsync([bucket], default);
        var overCapacity = await reopened.TryTakeAsync([bucket], default);

        // Assert
        Assert.True(last.IsAllowed);
        Assert.False(overCapacity.IsAllowed);
        Assert.Equal(TimeSpan.FromMinutes(20), Assert.Single(overCapacity.Denials).RetryAfter);
    }

    [Fact]
    public async Task TryTake_WallClockStepsBack_RefillsNothing()
    {
        // Arrange
        var store = CreateStore();
        var bucket = new RateLimitBucket("k", 1, TimeSpan.FromMinutes(1));
        await store.TryTakeAsync([bucket], default);

        // Act: the next process runs with a clock an hour behind.
        var taken = await _stores.NewStore(new FakeTimeProvider(Start.AddHours(-1))).RateLimits!.TryTakeAsync([bucket], default);

        // Assert
        Assert.False(taken.IsAllowed);
    }
}
