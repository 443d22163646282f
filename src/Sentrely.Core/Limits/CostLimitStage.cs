using Sentrely.Pipeline;

namespace Sentrely.Limits;

/// <summary>
/// Refuses (<c>cost_limited</c>) a run-instances, or a start-instances of stopped instances Sentrely launched,
/// that would exceed <c>limits.ec2</c>: running instances per session and per developer, estimated hourly
/// cost per session. Runs before approval, so nobody is asked to approve a launch the caps forbid.
/// </summary>
public sealed class CostLimitStage : IToolCallStage
{
    private readonly IInstanceLedger _ledger;

    /// <summary>Initializes a new instance of the <see cref="CostLimitStage"/> class.</summary>
    /// <param name="ledger">The instances Sentrely launched.</param>
    public CostLimitStage(IInstanceLedger ledger) => _ledger = ledger;

    /// <inheritdoc />
    public int Order => StageOrder.Limits;

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Configuration.Config.Limits.Ec2 is not { HasCaps: true } limits
            || await PlannedLaunch.FromAsync(context, _ledger, cancellationToken).ConfigureAwait(false) is not { } launch)
        {
            return null;
        }

        var session = context.Request.Session;
        var usage = await _ledger.UsageAsync(session.SessionId, session.Developer, SessionGroup.Of(session), cancellationToken).ConfigureAwait(false);
        return Ec2CostCheck.Evaluate(limits, launch, usage, session.Developer, Ec2PriceTable.Shipped);
    }
}
