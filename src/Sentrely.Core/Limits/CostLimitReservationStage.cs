using Sentrely.Pipeline;

namespace Sentrely.Limits;

/// <summary>
/// Re-checks <c>limits.ec2</c> atomically and reserves the headroom of a launch that goes on to AWS, so two
/// concurrent launches cannot both fit under a cap that holds only one. <see cref="InstanceLedgerObserver"/>
/// releases the reservation when AWS answers; an unobserved one expires.
/// </summary>
public sealed class CostLimitReservationStage : IToolCallStage
{
    private readonly IInstanceLedger _ledger;

    /// <summary>Initializes a new instance of the <see cref="CostLimitReservationStage"/> class.</summary>
    /// <param name="ledger">The instances Sentrely launched.</param>
    public CostLimitReservationStage(IInstanceLedger ledger) => _ledger = ledger;

    /// <inheritdoc />
    public int Order => StageOrder.LimitReservations;

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
        var reservation = new LaunchReservation(context.CallId, session.SessionId, session.Developer, launch.InstanceTypes, SessionGroup.Of(session));
        return await _ledger.ReserveAsync(
            reservation,
            usage => Ec2CostCheck.Evaluate(limits, launch, usage, session.Developer, Ec2PriceTable.Shipped),
            cancellationToken).ConfigureAwait(false);
    }
}
