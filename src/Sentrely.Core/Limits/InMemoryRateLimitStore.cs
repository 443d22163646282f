namespace Sentrely.Limits;

/// <summary>
/// Keeps token buckets in this process (stdio: one server, one agent). Thread-safe; reads time only from
/// the <see cref="TimeProvider"/>'s monotonic timestamp, so a wall-clock change neither refills nor drains a bucket.
/// </summary>
/// <remarks>
/// A bucket's level is kept as an exact integer in units of 1/<c>Period.Ticks</c> token: a token costs
/// <c>Period.Ticks</c> units and each elapsed tick refills <c>Capacity</c> units. With capacity at most
/// <see cref="RateLimitRule.MaxCount"/> and periods of at most a day, no value exceeds 64 bits, and no rounding
/// lets a call through early. A bucket absent from the store is full, so full buckets are dropped now and then.
/// </remarks>
public sealed class InMemoryRateLimitStore : IRateLimitStore
{
    private const int SweepEvery = 1024;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private int _takesSinceSweep;

    /// <summary>Initializes a new instance of the <see cref="InMemoryRateLimitStore"/> class.</summary>
    /// <param name="time">The clock.</param>
    public InMemoryRateLimitStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Gets the number of buckets held (full buckets may or may not be held).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _buckets.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<RateLimitResult> TryTakeAsync(IReadOnlyList<RateLimitBucket> buckets, CancellationToken cancellationToken)
    {
        TokenBucketMath.Validate(buckets);

        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var levels = buckets.Select(b => LevelAt(b, now)).ToArray();
            var denials = new List<RateLimitDenial>();
            for (var i = 0; i < buckets.Count; i++)
            {
                if (TokenBucketMath.RetryAfter(buckets[i], levels[i]) is { } retryAfter)
                {
                    denials.Add(new RateLimitDenial(buckets[i], retryAfter));
                }
            }

            if (denials.Count > 0)
            {
                return ValueTask.FromResult(new RateLimitResult { Denials = denials });
            }

            for (var i = 0; i < buckets.Count; i++)
            {
                _buckets[buckets[i].Key] = new BucketState(levels[i] - TokenBucketMath.Cost(buckets[i]), now, buckets[i].Capacity, buckets[i].Period);
            }

            if (++_takesSinceSweep >= SweepEvery)
            {
                _takesSinceSweep = 0;
                SweepFull(now);
            }

            return ValueTask.FromResult(RateLimitResult.Allowed);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> AvailableAsync(RateLimitBucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        lock (_lock)
        {
            return ValueTask.FromResult((int)(LevelAt(bucket, _time.GetTimestamp()) / bucket.Period.Ticks));
        }
    }

    private long LevelAt(RateLimitBucket bucket, long now)
    {
        if (!_buckets.TryGetValue(bucket.Key, out var state))
        {
            return TokenBucketMath.Full(bucket);
        }

        return TokenBucketMath.LevelAt(bucket, state.Level, state.Capacity, state.Period, _time.GetElapsedTime(state.Timestamp, now));
    }

    private void SweepFull(long now)
    {
        var full = _buckets
            .Where(e => LevelAt(new RateLimitBucket(e.Key, e.Value.Capacity, e.Value.Period), now) == e.Value.Capacity * e.Value.Period.Ticks)
            .Select(e => e.Key)
            .ToList();
        foreach (var key in full)
        {
            _buckets.Remove(key);
        }
    }

    private readonly record struct BucketState(long Level, long Timestamp, int Capacity, TimeSpan Period);
}
