using GlobSets = Sentrely.Policy.GlobSets;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.IamCheck;

/// <summary>
/// Whether a statement applies to an action and a resource given as patterns, resolving doubt against the policy:
/// an Allow must cover the whole pattern, a Deny applies as soon as it may touch part of it.
/// </summary>
internal static class StatementMatch
{
    /// <summary>Returns true, false, or null with the unevaluable condition operator.</summary>
    public static (bool? Applies, string? Unknown) Evaluate(PolicyStatement statement, string action, string resource, IReadOnlyDictionary<string, string> context)
    {
        if (!Targets(statement.Actions, statement.NotAction, statement.Allow, action, ignoreCase: true)
            || !Targets(statement.Resources, statement.NotResource, statement.Allow, resource, ignoreCase: false))
        {
            return (false, null);
        }

        string? unknown = null;
        foreach (var condition in statement.Conditions)
        {
            switch (condition.Evaluate(context))
            {
                case false:
                    return (false, null);
                case null:
                    unknown ??= $"{condition.Operator} on {condition.Key}";
                    break;
            }
        }

        return unknown is null ? (true, null) : (null, unknown);
    }

    private static bool Targets(IReadOnlyList<string> patterns, bool negated, bool allow, string value, bool ignoreCase)
    {
        // Allow: all of the value's set must be inside (or, negated, entirely outside); Deny: any overlap counts.
        if (negated)
        {
            return allow
                ? !patterns.Any(p => GlobSets.Intersect(p, value, ignoreCase))
                : !patterns.Any(p => GlobSets.Covers(p, value, ignoreCase));
        }

        return allow
            ? patterns.Any(p => GlobSets.Covers(p, value, ignoreCase))
            : patterns.Any(p => GlobSets.Intersect(p, value, ignoreCase));
    }
}
