namespace Sentrely.Limits;

/// <summary>
/// The exact integer token-bucket arithmetic every <see cref="IRateLimitStore"/> shares. A level is kept in units of
/// 1/<c>Period.Ticks</c> token: a token costs <c>Period.Ticks</c> units and each elapsed tick refills <c>Capacity</c>
/// units, so no rounding lets a call through early.
/// </summary>
public static class TokenBucketMath
{
    /// <summary>Returns the level of a full <paramref name="bucket"/>.</summary>
    /// <param name="bucket">The bucket.</param>
    public static long Full(RateLimitBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return bucket.Capacity * bucket.Period.Ticks;
    }

    /// <summary>Returns the cost of one token in level units.</summary>
    /// <param name="bucket">The bucket.</param>
    public static long Cost(RateLimitBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return bucket.Period.Ticks;
    }

    /// <summary>
    /// Returns the level of <paramref name="bucket"/> now, from a level stored under a possibly different limit and the
    /// time elapsed since; a limit changed by a reload keeps the same number of tokens in the new units.
    /// </summary>
    /// <param name="bucket">The bucket as configured now.</param>
    /// <param name="storedLevel">The stored level.</param>
    /// <param name="storedCapacity">The capacity the level was stored under.</param>
    /// <param name="storedPeriod">The period the level was stored under.</param>
    /// <param name="elapsed">The time since it was stored (negative counts as zero).</param>
    public static long LevelAt(RateLimitBucket bucket, long storedLevel, int storedCapacity, TimeSpan storedPeriod, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var full = Full(bucket);
        var level = storedLevel;
        if (storedCapacity != bucket.Capacity || storedPeriod != bucket.Period)
        {
            level = (long)Int128.Min((Int128)level * bucket.Period.Ticks / storedPeriod.Ticks, full);
        }

        var ticks = Math.Max(0, elapsed.Ticks);
        return ticks >= bucket.Period.Ticks ? full : Math.Min(full, level + (ticks * bucket.Capacity));
    }

    /// <summary>Returns how long until <paramref name="bucket"/> at <paramref name="level"/> holds a token, or null when it holds one now.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="level">Its level now.</param>
    public static TimeSpan? RetryAfter(RateLimitBucket bucket, long level)
    {
        var cost = Cost(bucket);
        if (level >= cost)
        {
            return null;
        }

        // Each elapsed tick refills Capacity units; round up so the advice is never too early.
        return TimeSpan.FromTicks((cost - level + bucket.Capacity - 1) / bucket.Capacity);
    }

    /// <summary>Throws unless <paramref name="buckets"/> are valid: capacities and periods in range, keys distinct.</summary>
    /// <param name="buckets">The buckets of one take.</param>
    public static void Validate(IReadOnlyList<RateLimitBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        foreach (var bucket in buckets)
        {
            ArgumentNullException.ThrowIfNull(bucket);
            ArgumentOutOfRangeException.ThrowIfLessThan(bucket.Capacity, 1, nameof(buckets));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(bucket.Capacity, RateLimitRule.MaxCount, nameof(buckets));
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucket.Period, TimeSpan.Zero, nameof(buckets));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(bucket.Period, TimeSpan.FromDays(1), nameof(buckets));
        }

        if (buckets.Select(b => b.Key).Distinct(StringComparer.Ordinal).Count() != buckets.Count)
        {
            throw new ArgumentException("each bucket must have its own key", nameof(buckets));
        }
    }
}
