using Sentrely.Pipeline;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// Stands in for the approval stage as if a human had approved every call, so the session policy of a tool that always
/// needs approval (terminate-instances) can be captured; approval never changes the session policy.
/// </summary>
internal sealed class ApprovedByHumanStage : IToolCallStage
{
    public int Order => StageOrder.Approval;

    public ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ToolCallRejection?>(null);
}
