namespace Sentrely.Limits;

/// <summary>Gets the answer of <see cref="IRateLimitStore.TryTakeAsync"/>: every token taken, or none and why.</summary>
public sealed record RateLimitResult
{
    /// <summary>Gets the result of a take that got a token from every bucket.</summary>
    public static RateLimitResult Allowed { get; } = new() { Denials = [] };

    /// <summary>Gets the buckets that had no token, in the order they were given; empty when the take succeeded.</summary>
    public required IReadOnlyList<RateLimitDenial> Denials { get; init; }

    /// <summary>Gets a value indicating whether a token was taken from every bucket.</summary>
    public bool IsAllowed => Denials.Count == 0;

    /// <summary>Gets the time until every refusing bucket holds a token again; zero when allowed.</summary>
    public TimeSpan RetryAfter => Denials.Count == 0 ? TimeSpan.Zero : Denials.Max(d => d.RetryAfter);
}
