using System.Globalization;

namespace Sentrely.Policy;

/// <summary>
/// A rule prepared for deciding: the same semantics as <see cref="RuleMatcher"/> (which explains decisions),
/// without allocating, with cheap checks first. A property test holds the two to the same answers.
/// </summary>
internal sealed class CompiledRule
{
    private readonly CompiledGlob[] _tools;
    private readonly CompiledGlob[]? _resources;
    private readonly bool _deny;

    public CompiledRule(PolicyRule rule)
    {
        Rule = rule;
        _deny = rule.Effect == PolicyEffect.Deny;
        _tools = CompiledGlob.All(rule.Tools);
        _resources = rule.Resources is { } resources ? CompiledGlob.All(resources) : null;
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

        if (_resources is { } patterns && !ResourcesMatch(patterns, request))
        {
            return false;
        }

        foreach (var condition in Rule.When)
        {
            if (!ConditionHolds(condition, request))
            {
                return false;
            }
        }

        return true;
    }

    // Allow: every main resource covered. Deny: one covered resource, main or secondary, is enough. No main
    // resource never matches.
    private bool ResourcesMatch(CompiledGlob[] patterns, PolicyRequest request)
    {
        var resources = request.Resources;
        if (resources.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < resources.Count; i++)
        {
            var covered = CompiledGlob.AnyMatch(patterns, resources[i]);
            if (_deny && covered)
            {
                return true;
            }

            if (!_deny && !covered)
            {
                return false;
            }
        }

        return !_deny || AnyCovered(patterns, request.SecondaryResources);
    }

    private static bool AnyCovered(CompiledGlob[] patterns, IReadOnlyList<string> resources)
    {
        for (var i = 0; i < resources.Count; i++)
        {
            if (CompiledGlob.AnyMatch(patterns, resources[i]))
            {
                return true;
            }
        }

        return false;
    }

    private bool ConditionHolds(ArgumentCondition condition, PolicyRequest request)
    {
        if (!request.Arguments.TryGetValue(condition.Argument, out var values) || values.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var satisfied = Satisfies(condition, values[i]);
            if (_deny && satisfied)
            {
                return true;
            }

            if (!_deny && !satisfied)
            {
                return false;
            }
        }

        return !_deny;
    }

    private static bool Satisfies(ArgumentCondition condition, string value)
    {
        if (condition.AnyOf is { } anyOf)
        {
            var any = false;
            for (var i = 0; i < anyOf.Count && !any; i++)
            {
                any = Glob.IsMatch(anyOf[i], value);
            }

            if (!any)
            {
                return false;
            }
        }

        if (condition.Prefix is { } prefix && !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (condition.Min is null && condition.Max is null)
        {
            return true;
        }

        return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            && (condition.Min is not { } min || number >= min)
            && (condition.Max is not { } max || number <= max);
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
