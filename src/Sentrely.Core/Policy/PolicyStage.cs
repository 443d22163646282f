using Sentrely.Pipeline;

namespace Sentrely.Policy;

/// <summary>Applies the policy: deny by default, explicit deny wins; records the decision on the context.</summary>
public sealed class PolicyStage : IToolCallStage
{
    /// <inheritdoc />
    public int Order => StageOrder.Policy;

    /// <inheritdoc />
    public ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tool = context.Tool ?? throw new InvalidOperationException("the tool must be resolved before the policy");
        var arguments = context.Arguments ?? throw new InvalidOperationException("arguments must be validated before the policy");
        var session = context.Request.Session;
        var view = PolicyArgumentView.Of(context.Request.Arguments, tool.ArgumentKinds, arguments);
        var decision = context.Configuration.Policy.Evaluate(new PolicyRequest(
            tool.Manifest.Name, session.Developer, session.Project, context.Resources, view, tool.Manifest.Approval)
        {
            SecondaryResources = context.SecondaryResources,
        });
        context.Decision = decision;
        return ValueTask.FromResult(decision.Allowed
            ? null
            : ToolCallRejection.Deny("PolicyDenied", decision.Reason + ". Call `list-permissions` to see what is allowed.") with { RuleIds = decision.RuleIds });
    }
}
