namespace Sentrely.Configuration;

/// <summary>
/// Gets the <c>limits.ec2</c> section. Each cap is off when null. Running counts cover only instances
/// Sentrely launched (or started) and has not seen stopped or terminated.
/// </summary>
public sealed record Ec2CostLimits
{
    /// <summary>Gets the most instances one session may have running.</summary>
    public int? MaxRunningPerSession { get; init; }

    /// <summary>Gets the most instances one developer may have running, across all their sessions.</summary>
    public int? MaxRunningPerDeveloper { get; init; }

    /// <summary>Gets the most one session's running instances may cost per hour, in US dollars (on-demand estimate).</summary>
    public decimal? MaxHourlyCostPerSession { get; init; }

    /// <summary>Gets price overrides and additions: instance type to US dollars per hour.</summary>
    public IReadOnlyDictionary<string, decimal> Prices { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether any cap is set.</summary>
    public bool HasCaps => MaxRunningPerSession is not null || MaxRunningPerDeveloper is not null || MaxHourlyCostPerSession is not null;
}
