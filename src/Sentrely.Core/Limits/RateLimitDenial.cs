namespace Sentrely.Limits;

/// <summary>Gets one bucket that had no token, and when it will have one.</summary>
/// <param name="Bucket">The empty bucket.</param>
/// <param name="RetryAfter">The time until the bucket holds a whole token again (greater than zero).</param>
public sealed record RateLimitDenial(RateLimitBucket Bucket, TimeSpan RetryAfter);
