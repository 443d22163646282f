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

        if ((_resources is not null || _notResources is not null) && !ResourcesMatch(request))
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
    // a deny). Allow: every main resource counts. Deny: one counting resource, main or secondary, is enough. A call
    // without a main resource never matches.
    private bool ResourcesMatch(PolicyRequest request)
    {
        var resources = request.Resources;
        if (resources.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < resources.Count; i++)
        {
            if (_deny == Counts(resources[i]))
            {
                return _deny;
            }
        }

        return !_deny || AnyCounts(request.SecondaryResources);
    }

    private bool AnyCounts(IReadOnlyList<string> resources)
    {
        for (var i = 0; i < resources.Count; i++)
        {
            if (Counts(resources[i]))
            {
                return true;
            }
        }

        return false;
    }

    private bool Counts(string resource) =>
        (_resources is not { } patterns || CompiledGlob.AnyMatch(patterns, Rule.CaseInsensitive ? CaseFolding.Fold(resource) : resource))
        && (_notResources is not { } excluded || !CompiledGlob.AnyMatch(excluded, resource));

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
