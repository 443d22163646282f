using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Approval;

/// <summary>
/// Enforces approval obligations. This version has no approval channel yet, so a call that needs
/// approval is refused, never run: an obligation is never ignored.
/// </summary>
public sealed class ApprovalStage : IToolCallStage
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

        var tool = context.Tool!.Manifest;
        var source = tool.Approval.Level >= decision.Approval.Level && tool.Approval.Level != ApprovalLevel.None
            ? $"the `{tool.Name}` manifest requires it by default"
            : $"rule {string.Join(", ", decision.RuleIds.Select(id => $"`{id}`"))} requires it";
        var who = decision.Approval.Level == ApprovalLevel.Reviewer ? "a reviewer's approval" : "human approval";
        return ValueTask.FromResult<ToolCallRejection?>(
            ToolCallRejection.Deny(
                "ApprovalRequired",
                $"`{tool.Name}` needs {who} ({source}), and this Sentrely version cannot obtain approvals, so the call is refused. Ask the developer to perform it outside the agent.")
            with { RuleIds = decision.RuleIds });
    }
}
