using System.Globalization;

namespace Sentrely.Policy;

/// <summary>Tests one rule against one call and says which part did not match.</summary>
internal static class RuleMatcher
{
    /// <summary>Returns null when <paramref name="rule"/> matches <paramref name="request"/>, else what did not match.</summary>
    public static string? Mismatch(PolicyRule rule, PolicyRequest request)
    {
        if (!rule.Tools.Any(t => Glob.IsMatch(t, request.Tool)))
        {
            return $"tool `{request.Tool}` is not in [{string.Join(", ", rule.Tools)}]";
        }

        if (rule.Developers is { } developers && !developers.Contains(request.Developer, StringComparer.Ordinal))
        {
            return $"developer `{request.Developer}` is not in [{string.Join(", ", developers)}]";
        }

        if (rule.Projects is { } projects && !projects.Contains(request.Project, StringComparer.Ordinal))
        {
            return $"project `{request.Project}` is not in [{string.Join(", ", projects)}]";
        }

        foreach (var condition in rule.When)
        {
            if (ConditionMismatch(condition, request, anyValue: rule.Effect == PolicyEffect.Deny) is { } why)
            {
                return why;
            }
        }

        if (rule.Resources is { } patterns)
        {
            // A call with no resource matches nothing: resource-scoped rules never match by vacuous truth.
            if (request.Resources.Count == 0)
            {
                return "the call has no resource to match";
            }

            // Allow: every resource must be covered. Deny: one covered resource is enough to deny the call.
            foreach (var resource in request.Resources)
            {
                var covered = patterns.Any(p => Glob.IsMatch(p, resource));
                if (rule.Effect == PolicyEffect.Allow && !covered)
                {
                    return $"resource `{resource}` matches none of [{string.Join(", ", patterns)}]";
                }

                if (rule.Effect == PolicyEffect.Deny && covered)
                {
                    return null;
                }
            }

            return rule.Effect == PolicyEffect.Deny ? SecondaryMismatch(patterns, request.SecondaryResources) : null;
        }

        return null;
    }

    // A deny rule also fires on what the call touches besides its main resource (a deploy's S3 package, a launch's image).
    private static string? SecondaryMismatch(IReadOnlyList<string> patterns, IReadOnlyList<string> secondary) =>
        secondary.Any(r => patterns.Any(p => Glob.IsMatch(p, r)))
            ? null
            : $"no resource{(secondary.Count == 0 ? "" : " (main or secondary)")} matches [{string.Join(", ", patterns)}]";

    // Allow rules need every value of a (list) argument to satisfy the condition; deny rules fire when any
    // value does. An absent argument satisfies neither, so it can never widen an allow.
    private static string? ConditionMismatch(ArgumentCondition condition, PolicyRequest request, bool anyValue)
    {
        if (!request.Arguments.TryGetValue(condition.Argument, out var values) || values.Count == 0)
        {
            return $"argument `{condition.Argument}` is absent";
        }

        var satisfied = values.Select(v => Satisfies(condition, v)).ToList();
        var holds = anyValue ? satisfied.Contains(true) : !satisfied.Contains(false);
        if (holds)
        {
            return null;
        }

        var offending = anyValue ? values[0] : values[satisfied.IndexOf(false)];
        return $"argument `{condition.Argument}` = `{offending}` does not satisfy {Describe(condition)}";
    }

    private static bool Satisfies(ArgumentCondition condition, string value)
    {
        if (condition.AnyOf is { } anyOf && !anyOf.Any(p => Glob.IsMatch(p, value)))
        {
            return false;
        }

        if (condition.Prefix is { } prefix && !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (condition.Min is null && condition.Max is null)
        {
            return true;
        }

        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        return (condition.Min is not { } min || number >= min) && (condition.Max is not { } max || number <= max);
    }

    private static string Describe(ArgumentCondition c)
    {
        var parts = new List<string>();
        if (c.AnyOf is { } anyOf)
        {
            parts.Add($"one of [{string.Join(", ", anyOf)}]");
        }

        if (c.Prefix is { } prefix)
        {
            parts.Add($"prefix `{prefix}`");
        }

        if (c.Min is { } min)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"min {min}"));
        }

        if (c.Max is { } max)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"max {max}"));
        }

        return string.Join(" and ", parts);
    }
}
