using Microsoft.Extensions.Time.Testing;
using Sentrely.Limits;

namespace Sentrely.Stores.Tests.Limits;

/// <summary>The contract every <see cref="IRateLimitStore"/> meets; one subclass per backend.</summary>
public abstract class RateLimitStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Creates a store over this test's buckets that reads <see cref="Time"/>; backends shared by replicas give another instance per call.</summary>
    protected abstract IRateLimitStore CreateStore();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryTake_CapacityTimes_AllowedThenDeniedWithRetryAfter()
    {
        // Arrange
        var store = CreateStore();
        var bucket = new RateLimitBucket("developer:jordan", 3, TimeSpan.FromMinutes(1));

        // Act
        var allowed = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await store.TryTakeAsync([bucket], default)).IsAllowed);
        }

        var denied = await store.TryTakeAsync([bucket], default);

        // Assert
        Assert.All(allowed, Assert.True);
        Assert.False(denied.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(20), Assert.Single(denied.Denials).RetryAfter);
    }

    [Fact]
    public async Task TryTake_AfterRefillTime_AllowedAgain()
    {
        var store = CreateStore();
        var bucket = new RateLimitBucket("session:s", 2, TimeSpan.FromMinutes(1));
        await store.TryTakeAsync([bucket], default);
        await store.TryTakeAsync([bucket], default);
        Assert.False((await store.TryTakeAsync([bucket], default)).IsAllowed);

        Time.Advance(TimeSpan.FromSeconds(30));

        Assert.True((await store.TryTakeAsync([bucket], default)).IsAllowed);
        Assert.False((await store.TryTakeAsync([bucket], default)).IsAllowed);
    }

    [Fact]
    public async Task TryTake_OneBucketEmpty_TakesFromNone()
    {
        // Arrange
        var store = CreateStore();
        var wide = new RateLimitBucket("project:p", 10, TimeSpan.FromMinutes(1));
        var narrow = new RateLimitBucket("tool:t", 1, TimeSpan.FromMinutes(1));
        await store.TryTakeAsync([narrow], default);

        // Act
        var result = await store.TryTakeAsync([wide, narrow], default);

        // Assert
        Assert.Equal("tool:t", Assert.Single(result.Denials).Bucket.Key);
        Assert.Equal(10, await store.AvailableAsync(wide, default));
        Assert.Equal(0, await store.AvailableAsync(narrow, default));
    }

    [Fact]
    public async Task Available_UnknownBucket_Full()
    {
        Assert.Equal(5, await CreateStore().AvailableAsync(new RateLimitBucket("new", 5, TimeSpan.FromHours(1)), default));
    }

    [Fact]
    public async Task TryTake_LimitRaisedByReload_KeepsTheTokensLeft()
    {
        var store = CreateStore();
        await store.TryTakeAsync([new RateLimitBucket("k", 2, TimeSpan.FromMinutes(1))], default);

        var raised = new RateLimitBucket("k", 10, TimeSpan.FromMinutes(1));

        Assert.Equal(1, await store.AvailableAsync(raised, default));
    }

    [Fact]
    public async Task TryTake_AnotherStoreInstance_ContinuesTheSameBucket()
    {
        // Arrange: a second instance is another process or replica on the same data.
        var first = CreateStore();
        var bucket = new RateLimitBucket("l/session-group:developer:jordan", 3, TimeSpan.FromHours(1));
        await first.TryTakeAsync([bucket], default);
        await first.TryTakeAsync([bucket], default);

        // Act
        var second = CreateStore();
        var available = await second.AvailableAsync(bucket, default);
        var last = await second.TryTakeAsync([bucket], default);
        var overCapacity = await first.TryTakeAsync([bucket], default);

        // Assert
        Assert.Equal(1, available);
        Assert.True(last.IsAllowed);
        Assert.False(overCapacity.IsAllowed);
    }

    [Fact]
    public async Task TryTake_ConcurrentTakesFromSeveralInstances_NeverExceedCapacity()
    {
        // Arrange: 4 instances × 10 takes race for 15 tokens.
        var stores = Enumerable.Range(0, 4).Select(_ => CreateStore()).ToList();
        var bucket = new RateLimitBucket("l/developer:jordan", 15, TimeSpan.FromDays(1));

        // Act
        var allowed = await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            var count = 0;
            for (var i = 0; i < 10; i++)
            {
                count += (await store.TryTakeAsync([bucket], default)).IsAllowed ? 1 : 0;
            }

            return count;
        })));

        // Assert
        Assert.Equal(15, allowed.Sum());
        Assert.Equal(0, await CreateStore().AvailableAsync(bucket, default));
    }

    [Fact]
    public async Task TryTake_DuplicateKeys_Throws()
    {
        var bucket = new RateLimitBucket("k", 2, TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<ArgumentException>(async () => await CreateStore().TryTakeAsync([bucket, bucket], default));
    }
}
