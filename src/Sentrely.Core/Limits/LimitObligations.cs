using System.Globalization;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Limits;

/// <summary>
/// Tells <c>policy explain</c> which rate and cost limits would apply to an allowed call (explain never takes
/// a token or reserves headroom: the limits' live state belongs to a running server).
/// </summary>
public sealed class LimitObligations : IObligationSource
{
    /// <summary>Gets the obligation kind of rate limits.</summary>
    public const string RateKind = "rate-limit";

    /// <summary>Gets the obligation kind of cost limits.</summary>
    public const string CostKind = "cost-limit";

    /// <inheritdoc />
    public IEnumerable<Obligation> Describe(ToolCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Decision is not { Allowed: true } || context.Tool is not { } tool)
        {
            yield break;
        }

        var config = context.Configuration.Config;

        // Rate limits count only calls that vend credentials, as the stage does.
        if (context.CredentialRequest is not null)
        {
            foreach (var limit in config.Policy.RateLimits.Where(l => l.AppliesTo(tool.Manifest.Name)))
            {
                yield return new Obligation(RateKind, $"rate limit `{limit.Id}`: {limit.Describe()}", [limit.Id]);
            }
        }

        if (config.Limits.Ec2 is { HasCaps: true } caps && tool.Manifest.Name is Ec2ToolNames.RunInstances or Ec2ToolNames.StartInstances)
        {
            var parts = new List<string>();
            Add(parts, caps.MaxRunningPerSession, "running per session", Ec2CostCheck.SessionCap);
            Add(parts, caps.MaxRunningPerDeveloper, "running per developer", Ec2CostCheck.DeveloperCap);
            if (caps.MaxHourlyCostPerSession is { } hourly)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"at most ${hourly}/hour per session (on-demand estimates dated {Ec2PriceTable.Shipped.Date})"));
            }

            yield return new Obligation(CostKind, "EC2 cost limits, checked against what Sentrely launched and still runs: " + string.Join("; ", parts), [Ec2CostCheck.SessionCap, Ec2CostCheck.DeveloperCap, Ec2CostCheck.HourlyCap]);
        }
    }

    private static void Add(List<string> parts, int? cap, string what, string id)
    {
        if (cap is { } value)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"at most {value} {what} ({id})"));
        }
    }
}
