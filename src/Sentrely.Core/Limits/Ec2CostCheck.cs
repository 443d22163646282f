using System.Globalization;
using Sentrely.Configuration;
using Sentrely.Pipeline;

namespace Sentrely.Limits;

/// <summary>Decides whether a planned launch fits the EC2 caps; every violated cap is named in the refusal.</summary>
internal static class Ec2CostCheck
{
    public const string SessionCap = "limits.ec2.maxRunningPerSession";
    public const string DeveloperCap = "limits.ec2.maxRunningPerDeveloper";
    public const string HourlyCap = "limits.ec2.maxHourlyCostPerSession";
    public const string Code = "CostLimited";

    public static ToolCallRejection? Evaluate(Ec2CostLimits limits, PlannedLaunch launch, LedgerUsage usage, string developer, Ec2PriceTable table)
    {
        var problems = new List<(string RuleId, string Message)>();
        var n = launch.InstanceTypes.Count;
        if (limits.MaxRunningPerSession is { } sessionCap && usage.SessionRunning + n > sessionCap)
        {
            var after = usage.SessionRunning + n;
            problems.Add((SessionCap,
                $"{launch.Describe()} would make {after} instances running in this session, over its cap of {sessionCap} ({SessionCap}) by {after - sessionCap}; per-session caps also count the other sessions of the same token (stdio: of the same developer), so stop or terminate instances they launched first"));
        }

        if (limits.MaxRunningPerDeveloper is { } developerCap && usage.DeveloperRunning + n > developerCap)
        {
            var after = usage.DeveloperRunning + n;
            problems.Add((DeveloperCap,
                $"{launch.Describe()} would make {after} instances running for developer `{developer}` across sessions, over the cap of {developerCap} ({DeveloperCap}) by {after - developerCap}"));
        }

        if (limits.MaxHourlyCostPerSession is { } hourlyCap && Hourly(limits, launch, usage, table, hourlyCap) is { } hourly)
        {
            problems.Add((HourlyCap, hourly));
        }

        return problems.Count == 0
            ? null
            : new ToolCallRejection(AuditDecisions.CostLimited, Code, "cost limit: " + string.Join("; also ", problems.Select(p => p.Message)) + ".")
            {
                RuleIds = problems.Select(p => p.RuleId).ToList(),
            };
    }

    private static string? Hourly(Ec2CostLimits limits, PlannedLaunch launch, LedgerUsage usage, Ec2PriceTable table, decimal cap)
    {
        var total = 0m;
        var counted = usage.SessionByType.Select(e => (Type: e.Key, Count: e.Value))
            .Concat(launch.InstanceTypes.GroupBy(t => t, StringComparer.Ordinal).Select(g => (Type: g.Key, Count: g.Count())));
        foreach (var (type, count) in counted.OrderBy(e => e.Type, StringComparer.Ordinal))
        {
            if (table.PriceOf(type, limits.Prices) is not { } price)
            {
                // Fail closed: a cap that cannot be computed refuses rather than lets through.
                return $"no on-demand price is known for `{type}`, so the hourly-cost cap ({HourlyCap}) cannot be checked; add `{type}` to `limits.ec2.prices` in sentrely.yaml (US dollars per hour)";
            }

            total += price * count;
        }

        return total <= cap
            ? null
            : $"{launch.Describe()} would raise this session's estimated cost to {Dollars(total)}/hour, over the {Dollars(cap)}/hour cap ({HourlyCap}) by {Dollars(total - cap)}; prices are on-demand estimates dated {table.Date} ({table.Region} Linux), overridable in `limits.ec2.prices`";
    }

    private static string Dollars(decimal value) => "$" + value.ToString("0.00##", CultureInfo.InvariantCulture);
}
