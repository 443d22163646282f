using System.Globalization;
using Sentrely.Pipeline;

namespace Sentrely.Policy;

/// <summary>Reports the approval an allowed call needs: the strictest of the manifest default and the matching allow rules.</summary>
public sealed class ApprovalObligations : IObligationSource
{
    /// <summary>Gets the obligation kind.</summary>
    public const string Kind = "approval";

    /// <inheritdoc />
    public IEnumerable<Obligation> Describe(ToolCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Decision is not { Allowed: true } decision || context.Tool is not { } tool || decision.Approval.Level == ApprovalLevel.None)
        {
            yield break;
        }

        var approval = decision.Approval;
        var who = approval.Level == ApprovalLevel.Reviewer
            ? string.Create(CultureInfo.InvariantCulture, $"a reviewer other than the developer must approve out of band (the call waits up to {approval.WaitSeconds} s)")
            : "a human must approve (in the session, or out of band)";
        var manifest = tool.Manifest.Approval;
        var fromManifest = manifest.Level != ApprovalLevel.None && ApprovalRequirement.Max(manifest, approval) == manifest;
        var ruleIds = fromManifest ? [] : decision.RuleIds;
        var source = fromManifest
            ? $"the `{tool.Manifest.Name}` manifest's default"
            : $"rule {string.Join(", ", decision.RuleIds.Select(id => $"`{id}`"))}";
        yield return new Obligation(Kind, $"{who}; required by {source}", ruleIds);
    }
}
