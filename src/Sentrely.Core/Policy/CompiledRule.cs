namespace Sentrely.Policy;

/// <summary>
/// A rule prepared for deciding: the same semantics as <see cref="RuleMatcher"/> (which explains decisions),
/// without allocating, with cheap checks first. A property test holds the two to the same answers.
/// </summary>
internal sealed class CompiledRule
{
    private readonly CompiledGlob[] _tools;
    private readonly CompiledGlob[]? _resources;
    private readonly CompiledGlob[]? _notResources;
    private readonly bool _deny;

    public CompiledRule(PolicyRule rule)
    {
        Rule = rule;
        _deny = rule.Effect == PolicyEffect.Deny;
        _tools = CompiledGlob.All(rule.Tools);
        _resources = rule.Resources is { } resources ? CompiledGlob.All(rule.CaseInsensitive ? CaseFolding.Fold(resources) : resources) : null;
        _notResources = rule.NotResources is { } excluded ? CompiledGlob.All(excluded) : null;
    }

    public PolicyRule Rule { get; }

    public bool Matches(PolicyRequest request) => MatchesTool(request.Tool) && MatchesBeyondTool(request);

    public bool MatchesTool(string tool) => CompiledGlob.AnyMatch(_tools, tool);

    /// <summary>Returns whether everything but the tool matches; callers have checked <see cref="MatchesTool"/>.</summary>
    public bool MatchesBeyondTool(PolicyRequest request)
    {
        if ((Rule.Developers is { } developers && !Contains(developers, request.Developer))
            || (Rule.Projects is { } projects && !Contains(projects, request.Project)))
        {
            return false;
        }

        if ((_resources is not null || _notResources is not null) && !ResourcesMatch(request.Resources))
        {
            return false;
        }

        foreach (var condition in Rule.When)
        {
            if (!ConditionMatch.Holds(condition, request.Arguments.GetValueOrDefault(condition.Argument), _deny, Rule.CaseInsensitive))
            {
                return false;
            }
        }

        return true;
    }

    // A resource counts when it matches `resources` (if any) and none of `notResources` (case-sensitive: folding only widens
    // a deny). Allow: every resource counts. Deny: one counting resource is enough. No resource never matches.
    private bool ResourcesMatch(IReadOnlyList<string> resources)
    {
        if (resources.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < resources.Count; i++)
        {
            var counts = (_resources is not { } patterns || CompiledGlob.AnyMatch(patterns, Rule.CaseInsensitive ? CaseFolding.Fold(resources[i]) : resources[i]))
                && (_notResources is not { } excluded || !CompiledGlob.AnyMatch(excluded, resources[i]));
            if (_deny == counts)
            {
                return _deny;
            }
        }

        return !_deny;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
