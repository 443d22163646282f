using Microsoft.Extensions.Time.Testing;
using Sentrely.Limits;

namespace Sentrely.Core.Tests.Limits;

public sealed class InMemoryRateLimitStoreTests
{
    private readonly FakeTimeProvider _time = new();

    private static RateLimitBucket PerMinute(string key, int capacity) => new(key, capacity, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task TryTake_NewBucket_StartsFullWithCapacityTokens()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        var bucket = PerMinute("writes/session:s1", 3);

        // Act
        var results = new List<RateLimitResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await store.TryTakeAsync([bucket], default));
        }

        // Assert
        Assert.Equal([true, true, true, false], results.Select(r => r.IsAllowed));
        var denial = Assert.Single(results[3].Denials);
        Assert.Equal(bucket, denial.Bucket);
        Assert.Equal(TimeSpan.FromSeconds(20), denial.RetryAfter);
    }

    [Fact]
    public async Task TryTake_Empty_RefillsContinuouslyAtCapacityPerPeriod()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        var bucket = PerMinute("k", 3);
        await TakeAsync(store, bucket, 3);

        // Act
        _time.Advance(TimeSpan.FromSeconds(19));
        var early = await store.TryTakeAsync([bucket], default);
        _time.Advance(TimeSpan.FromSeconds(1));
        var onTime = await store.TryTakeAsync([bucket], default);
        var again = await store.TryTakeAsync([bucket], default);

        // Assert
        Assert.False(early.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(1), early.RetryAfter);
        Assert.True(onTime.IsAllowed);
        Assert.False(again.IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(20), again.RetryAfter);
    }

    [Fact]
    public async Task TryTake_LongIdle_RefillCappedAtCapacity()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        var bucket = PerMinute("k", 2);
        await TakeAsync(store, bucket, 2);

        // Act
        _time.Advance(TimeSpan.FromHours(5));
        var allowed = await TakeAsync(store, bucket, 3);

        // Assert
        Assert.Equal([true, true, false], allowed);
    }

    [Fact]
    public async Task TryTake_UnevenRate_NeverAllowsEarly()
    {
        // Arrange: 7 per hour is one token every 514.2857… seconds.
        var store = new InMemoryRateLimitStore(_time);
        var bucket = new RateLimitBucket("k", 7, TimeSpan.FromHours(1));
        await TakeAsync(store, bucket, 7);

        // Act
        var refused = await store.TryTakeAsync([bucket], default);
        _time.Advance(refused.RetryAfter - TimeSpan.FromTicks(1));
        var tickEarly = await store.TryTakeAsync([bucket], default);
        _time.Advance(TimeSpan.FromTicks(1));
        var onTime = await store.TryTakeAsync([bucket], default);

        // Assert
        Assert.Equal(TimeSpan.FromHours(1).Ticks / 7 + 1, refused.RetryAfter.Ticks);
        Assert.False(tickEarly.IsAllowed);
        Assert.True(onTime.IsAllowed);
    }

    [Fact]
    public async Task TryTake_DifferentKeys_IsolatedBuckets()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        await TakeAsync(store, PerMinute("writes/session:s1", 1), 1);

        // Act
        var sameKey = await store.TryTakeAsync([PerMinute("writes/session:s1", 1)], default);
        var otherSession = await store.TryTakeAsync([PerMinute("writes/session:s2", 1)], default);
        var otherLimit = await store.TryTakeAsync([PerMinute("reads/session:s1", 1)], default);

        // Assert
        Assert.False(sameKey.IsAllowed);
        Assert.True(otherSession.IsAllowed);
        Assert.True(otherLimit.IsAllowed);
    }

    [Fact]
    public async Task TryTake_SeveralBuckets_TakesOneTokenFromEach()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        var a = PerMinute("a", 2);
        var b = PerMinute("b", 3);

        // Act
        var both = await TakeAsync(store, [a, b], 3);
        var bAlone = await store.TryTakeAsync([b], default);

        // Assert
        Assert.Equal([true, true, false], both);
        Assert.True(bAlone.IsAllowed);
    }

    [Fact]
    public async Task TryTake_OneBucketEmpty_NoTokenTakenFromTheOthers()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        var empty = PerMinute("empty", 1);
        var roomy = PerMinute("roomy", 2);
        await TakeAsync(store, empty, 1);

        // Act
        var refused = new List<RateLimitResult>();
        for (var i = 0; i < 5; i++)
        {
            refused.Add(await store.TryTakeAsync([roomy, empty], default));
        }

        var roomyAlone = await TakeAsync(store, roomy, 3);

        // Assert
        Assert.All(refused, r => Assert.Equal("empty", Assert.Single(r.Denials).Bucket.Key));
        Assert.Equal([true, true, false], roomyAlone);
    }

    [Fact]
    public async Task TryTake_SeveralEmpty_ReportsEachAndWaitsForTheSlowest()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        var perSecond = new RateLimitBucket("fast", 1, TimeSpan.FromSeconds(1));
        var perHour = new RateLimitBucket("slow", 1, TimeSpan.FromHours(1));
        await store.TryTakeAsync([perSecond, perHour], default);

        // Act
        var result = await store.TryTakeAsync([perSecond, perHour], default);

        // Assert
        Assert.Equal(["fast", "slow"], result.Denials.Select(d => d.Bucket.Key));
        Assert.Equal(TimeSpan.FromHours(1), result.RetryAfter);
    }

    [Fact]
    public async Task TryTake_CapacityLowered_KeepsTokensCappedAtNewCapacity()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        await TakeAsync(store, PerMinute("k", 10), 1);

        // Act: nine tokens left, but the reloaded limit holds at most two.
        var allowed = await TakeAsync(store, PerMinute("k", 2), 3);

        // Assert
        Assert.Equal([true, true, false], allowed);
    }

    [Fact]
    public async Task TryTake_PeriodChanged_KeepsTheNumberOfTokens()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        await TakeAsync(store, PerMinute("k", 3), 2);

        // Act: one token left; the limit becomes 3/hour.
        var allowed = await TakeAsync(store, new RateLimitBucket("k", 3, TimeSpan.FromHours(1)), 2);

        // Assert
        Assert.Equal([true, false], allowed);
    }

    [Fact]
    public async Task TryTake_ConcurrentCallers_NeverMoreThanCapacity()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        var bucket = PerMinute("k", 50);

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(async () => await store.TryTakeAsync([bucket], default))));

        // Assert
        Assert.Equal(50, results.Count(r => r.IsAllowed));
    }

    [Fact]
    public async Task TryTake_ManyIdleBuckets_FullOnesAreDropped()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);
        for (var i = 0; i < 1000; i++)
        {
            await store.TryTakeAsync([PerMinute($"session:{i}", 5)], default);
        }

        // Act
        _time.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 100; i++)
        {
            await store.TryTakeAsync([PerMinute("busy", 1000)], default);
        }

        // Assert
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task TryTake_DuplicateKeys_Throws()
    {
        // Arrange
        var store = new InMemoryRateLimitStore(_time);

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.TryTakeAsync([PerMinute("k", 1), PerMinute("k", 2)], default));
    }

    private static Task<List<bool>> TakeAsync(InMemoryRateLimitStore store, RateLimitBucket bucket, int times) => TakeAsync(store, [bucket], times);

    private static async Task<List<bool>> TakeAsync(InMemoryRateLimitStore store, RateLimitBucket[] buckets, int times)
    {
        var allowed = new List<bool>();
        for (var i = 0; i < times; i++)
        {
            allowed.Add((await store.TryTakeAsync(buckets, default)).IsAllowed);
        }

        return allowed;
    }
}
