namespace Sentrely.Limits;

/// <summary>Gets the period of a rate limit (<c>N/second|minute|hour|day</c>).</summary>
public enum RateLimitPeriod
{
    /// <summary>One second.</summary>
    Second,

    /// <summary>One minute.</summary>
    Minute,

    /// <summary>One hour.</summary>
    Hour,

    /// <summary>One day (24 hours).</summary>
    Day,
}
