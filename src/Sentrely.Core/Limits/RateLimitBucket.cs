namespace Sentrely.Limits;

/// <summary>Gets one token bucket: a store key plus the limit's capacity and refill period.</summary>
/// <param name="Key">The bucket's key: the limit id and the scope value, for example <c>writes/session:sess_…</c>.</param>
/// <param name="Capacity">The most tokens the bucket holds; also the tokens refilled per <paramref name="Period"/>.</param>
/// <param name="Period">The refill period; the bucket refills continuously at <paramref name="Capacity"/> per period.</param>
/// <remarks>
/// A bucket seen for the first time is full. When a limit's capacity or period changes (a reload),
/// the bucket keeps its level, capped at the new capacity.
/// </remarks>
public sealed record RateLimitBucket(string Key, int Capacity, TimeSpan Period);
