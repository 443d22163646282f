namespace Sentrely.Policy;

/// <summary>
/// Decides calls by DESIGN.md's semantics: deny by default; a call is allowed only when at least one
/// allow rule matches and no deny rule does. Pure and thread-safe.
/// </summary>
public sealed class PolicyEvaluator
{
    private readonly IReadOnlyList<PolicyRule> _rules;

    /// <summary>Initializes a new instance of the <see cref="PolicyEvaluator"/> class.</summary>
    /// <param name="rules">The rules, in file order.</param>
    public PolicyEvaluator(IReadOnlyList<PolicyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
    }

    /// <summary>Decides one call.</summary>
    /// <param name="request">The call.</param>
    public PolicyDecision Evaluate(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trace = new List<RuleEvaluation>(_rules.Count);
        var denies = new List<PolicyRule>();
        var allows = new List<PolicyRule>();
        foreach (var rule in _rules)
        {
            var mismatch = RuleMatcher.Mismatch(rule, request);
            trace.Add(new RuleEvaluation(rule.Id, rule.Effect, mismatch is null, mismatch ?? "matched"));
            if (mismatch is null)
            {
                (rule.Effect == PolicyEffect.Deny ? denies : allows).Add(rule);
            }
        }

        var target = $"`{request.Tool}` on {DescribeResources(request.Resources)}";
        if (denies.Count > 0)
        {
            return new PolicyDecision(false, Ids(denies), $"denied by rule {Quote(denies)}: explicit deny of {target}", request.ManifestApproval, trace);
        }

        if (allows.Count == 0)
        {
            return new PolicyDecision(
                false,
                [],
                $"no rule allows {target} for developer `{request.Developer}` in project `{request.Project}`",
                request.ManifestApproval,
                trace);
        }

        // Several allow rules may match: the strictest approval among them applies, and the manifest's
        // default is a floor no rule can lower.
        var approval = request.ManifestApproval;
        foreach (var rule in allows)
        {
            approval = ApprovalRequirement.Max(approval, rule.Approval);
        }

        return new PolicyDecision(true, Ids(allows), $"allowed by rule {Quote(allows)}: {target}", approval, trace);
    }

    private static string[] Ids(List<PolicyRule> rules) => rules.ConvertAll(r => r.Id).ToArray();

    private static string Quote(List<PolicyRule> rules) => string.Join(", ", rules.ConvertAll(r => $"`{r.Id}`"));

    private static string DescribeResources(IReadOnlyList<string> resources) =>
        resources.Count switch
        {
            0 => "no resource",
            1 => $"`{resources[0]}`",
            <= 3 => string.Join(", ", resources.Select(r => $"`{r}`")),
            _ => $"`{resources[0]}` and {resources.Count - 1} more resources",
        };
}
