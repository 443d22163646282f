using Sentrely.Pipeline;

namespace Sentrely.Policy;

/// <summary>
/// Stands in for the approval stage in <c>policy explain</c>: reports that a call needs approval, and why, without
/// asking anyone or opening an approval request (explaining must not change any state).
/// </summary>
public sealed class ApprovalPreviewStage : IToolCallStage
{
    /// <inheritdoc />
    public int Order => StageOrder.Approval;

    /// <inheritdoc />
    public ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = context.Decision ?? throw new InvalidOperationException("the policy must decide before approval");
        if (decision.Approval.Level == ApprovalLevel.None)
        {
            return ValueTask.FromResult<ToolCallRejection?>(null);
        }

        var obligation = new ApprovalObligations().Describe(context).Single();
        return ValueTask.FromResult<ToolCallRejection?>(
            new ToolCallRejection(AuditDecisions.ApprovalPending, "ApprovalRequired", $"`{context.Tool!.Manifest.Name}` needs approval: {obligation.Description}")
            { RuleIds = decision.RuleIds });
    }
}
