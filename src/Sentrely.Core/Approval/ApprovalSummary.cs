using System.Text;
using Sentrely.Audit;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Approval;

/// <summary>What a human is asked to approve: the call (tool, resources, arguments as audited), why it needs approval, and its cost.</summary>
/// <param name="Tool">The tool.</param>
/// <param name="Resources">The resource ARNs.</param>
/// <param name="Arguments">The arguments as the audit log keeps them (blobs as size + SHA-256, secrets masked).</param>
/// <param name="Requirement">Which rule or manifest requires approval, and of whom.</param>
/// <param name="Cost">The cost estimate, or null.</param>
public sealed record ApprovalSummary(string Tool, IReadOnlyList<string> Resources, string Arguments, string Requirement, string? Cost)
{
    /// <summary>Returns the summary of the validated, allowed call in <paramref name="context"/>.</summary>
    /// <param name="context">The call.</param>
    /// <param name="cost">The cost estimate, or null.</param>
    public static ApprovalSummary Of(ToolCallContext context, string? cost)
    {
        ArgumentNullException.ThrowIfNull(context);
        var manifest = context.Tool!.Manifest;
        var decision = context.Decision!;
        var fromManifest = manifest.Approval.Level != ApprovalLevel.None && ApprovalRequirement.Max(manifest.Approval, decision.Approval) == manifest.Approval;
        var source = fromManifest
            ? $"the `{manifest.Name}` manifest requires it by default"
            : $"rule {string.Join(", ", decision.RuleIds.Select(id => $"`{id}`"))} requires it";
        var who = decision.Approval.Level == ApprovalLevel.Reviewer ? "a reviewer other than the developer must approve" : "a human must approve";
        var arguments = AuditArgumentRedactor.Redact(context.Request.Arguments, manifest.BlobArguments, manifest.MaskedArguments, maxStringLength: 256);
        return new ApprovalSummary(manifest.Name, context.AllResources, arguments, $"{who}: {source}", cost);
    }

    /// <summary>Returns the lines a reviewer reads: what, on what, with what, why, at what cost.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("tool: ").Append(Tool).Append('\n');
        text.Append("resources: ").Append(Resources.Count == 0 ? "(none)" : string.Join(", ", Resources)).Append('\n');
        text.Append("arguments: ").Append(Arguments).Append('\n');
        text.Append("approval: ").Append(Requirement);
        if (Cost is not null)
        {
            text.Append('\n').Append("cost: ").Append(Cost);
        }

        return text.ToString();
    }
}
