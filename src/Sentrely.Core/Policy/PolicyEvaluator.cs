using System.Collections.Concurrent;

namespace Sentrely.Policy;

/// <summary>
/// Decides calls by DESIGN.md's semantics: deny by default; a call is allowed only when at least one
/// allow rule matches and no deny rule does. Pure and thread-safe.
/// </summary>
public sealed class PolicyEvaluator
{
    // Tool names are few (the curated tools): remember which rules can apply to each, so a decision only
    // looks at those. Bounded, because the evaluator is public and a caller could pass any name.
    private const int MaxCachedTools = 256;

    private readonly CompiledRule[] _rules;
    private readonly ConcurrentDictionary<string, int[]> _rulesByTool = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="PolicyEvaluator"/> class.</summary>
    /// <param name="rules">The rules, in file order.</param>
    public PolicyEvaluator(IReadOnlyList<PolicyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.Select(r => new CompiledRule(r)).ToArray();
    }

    /// <summary>Decides one call.</summary>
    /// <param name="request">The call.</param>
    public PolicyDecision Evaluate(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var matched = new bool[_rules.Length];
        List<PolicyRule>? denies = null;
        List<PolicyRule>? allows = null;
        foreach (var i in RulesFor(request.Tool))
        {
            if (_rules[i].MatchesBeyondTool(request))
            {
                matched[i] = true;
                var rule = _rules[i].Rule;
                if (rule.Effect == PolicyEffect.Deny)
                {
                    (denies ??= []).Add(rule);
                }
                else
                {
                    (allows ??= []).Add(rule);
                }
            }
        }

        var trace = new RuleTrace(_rules, matched, request);
        var target = $"`{request.Tool}` on {DescribeResources(request.Resources)}";
        if (denies is not null)
        {
            // A deny may have fired on a secondary resource (a deploy's S3 package): name everything the call touches.
            var touched = $"`{request.Tool}` on {DescribeResources([.. request.Resources, .. request.SecondaryResources])}";
            return new PolicyDecision(false, Ids(denies), $"denied by rule {Quote(denies)}: explicit deny of {touched}", request.ManifestApproval, trace);
        }

        if (allows is null)
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

    private int[] RulesFor(string tool)
    {
        if (_rulesByTool.TryGetValue(tool, out var cached))
        {
            return cached;
        }

        var indexes = new List<int>();
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].MatchesTool(tool))
            {
                indexes.Add(i);
            }
        }

        var result = indexes.ToArray();
        if (_rulesByTool.Count < MaxCachedTools)
        {
            _rulesByTool.TryAdd(tool, result);
        }

        return result;
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
