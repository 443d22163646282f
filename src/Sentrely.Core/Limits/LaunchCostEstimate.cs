using System.Globalization;
using Sentrely.Pipeline;

namespace Sentrely.Limits;

/// <summary>Estimates what a call that makes EC2 instances run costs per hour, for the human asked to approve it.</summary>
public sealed class LaunchCostEstimate
{
    private readonly IInstanceLedger _ledger;

    /// <summary>Initializes a new instance of the <see cref="LaunchCostEstimate"/> class.</summary>
    /// <param name="ledger">The instances Sentrely launched (a start is priced only for those).</param>
    public LaunchCostEstimate(IInstanceLedger ledger) => _ledger = ledger;

    /// <summary>Returns <c>launching 2 t3.micro instances: about $0.0208/hour (estimate, price table of …)</c>, or null for calls that make nothing run.</summary>
    /// <param name="context">A call with validated arguments.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async ValueTask<string?> DescribeAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await PlannedLaunch.FromAsync(context, _ledger, cancellationToken).ConfigureAwait(false) is not { } launch)
        {
            return null;
        }

        var table = Ec2PriceTable.Shipped;
        var overrides = context.Configuration.Config.Limits.Ec2?.Prices ?? new Dictionary<string, decimal>();
        var total = 0m;
        foreach (var type in launch.InstanceTypes)
        {
            if (table.PriceOf(type, overrides) is not { } price)
            {
                return $"{launch.Describe()}: no price is known for `{type}`";
            }

            total += price;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{launch.Describe()}: about ${total:0.####}/hour (estimate, {table.Region} price table of {table.Date})");
    }
}
