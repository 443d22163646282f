using Sentrely.Policy;

namespace Sentrely.Limits;

/// <summary>
/// Gets one <c>policy.rateLimits</c> item: a token bucket of capacity <see cref="Count"/> refilled continuously
/// at <see cref="Count"/> tokens per <see cref="Period"/>, kept separately for each <see cref="Per"/> value.
/// </summary>
public sealed record RateLimitRule
{
    /// <summary>The largest <see cref="Count"/> accepted: keeps the bucket arithmetic exact in 64 bits.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Gets the limit id named in refusals and audit records.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the tool-name globs; every call to a matching tool that reaches credential vending takes a token.</summary>
    public required IReadOnlyList<string> Tools { get; init; }

    /// <summary>Gets what the limit counts separately.</summary>
    public required RateLimitScope Per { get; init; }

    /// <summary>Gets the bucket capacity and the number of tokens refilled per period (1 to <see cref="MaxCount"/>).</summary>
    public required int Count { get; init; }

    /// <summary>Gets the refill period.</summary>
    public required RateLimitPeriod Period { get; init; }

    /// <summary>Gets where the limit was written (<c>file:line</c>), for explanations.</summary>
    public string Source { get; init; } = "";

    /// <summary>Gets the length of <see cref="Period"/>.</summary>
    public TimeSpan PeriodLength => Period switch
    {
        RateLimitPeriod.Second => TimeSpan.FromSeconds(1),
        RateLimitPeriod.Minute => TimeSpan.FromMinutes(1),
        RateLimitPeriod.Hour => TimeSpan.FromHours(1),
        RateLimitPeriod.Day => TimeSpan.FromDays(1),
        _ => throw new InvalidOperationException($"unknown rate-limit period {Period}"),
    };

    /// <summary>Returns whether one of the limit's tool globs matches <paramref name="tool"/>.</summary>
    /// <param name="tool">The tool name.</param>
    public bool AppliesTo(string tool) => Tools.Any(glob => Glob.IsMatch(glob, tool));

    /// <summary>Returns the limit as written plus its scope, for example <c>30/hour per session</c> or <c>600/day across all sessions</c>.</summary>
    public string Describe() => Per == RateLimitScope.Global
        ? $"{Count}/{Name(Period)} across all sessions"
        : $"{Count}/{Name(Period)} per {Name(Per)}";

    /// <summary>Returns the configuration spelling of a period (<c>second minute hour day</c>).</summary>
    /// <param name="period">The period.</param>
    public static string Name(RateLimitPeriod period) => period switch
    {
        RateLimitPeriod.Second => "second",
        RateLimitPeriod.Minute => "minute",
        RateLimitPeriod.Hour => "hour",
        RateLimitPeriod.Day => "day",
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>Returns the configuration spelling of a scope (<c>session developer project global</c>).</summary>
    /// <param name="scope">The scope.</param>
    public static string Name(RateLimitScope scope) => scope switch
    {
        RateLimitScope.Session => "session",
        RateLimitScope.Developer => "developer",
        RateLimitScope.Project => "project",
        RateLimitScope.Global => "global",
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };
}
