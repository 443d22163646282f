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
            if (ConditionMismatch(condition, request, rule) is { } why)
            {
                return why;
            }
        }

        return rule.Resources is not null || rule.NotResources is not null ? ResourceMismatch(rule, request) : null;
    }

    // A resource counts when it matches `resources` (if any) and none of `notResources`; an allow needs every main
    // resource to count, a deny one resource, main or secondary (a deploy's S3 package, a launch's image). A call with no
    // main resource matches nothing: resource-scoped rules never match by vacuous truth.
    private static string? ResourceMismatch(PolicyRule rule, PolicyRequest request)
    {
        var resources = request.Resources;
        if (resources.Count == 0)
        {
            return "the call has no resource to match";
        }

        foreach (var resource in resources)
        {
            var why = Excluded(rule, resource);
            if (rule.Effect == PolicyEffect.Allow && why is not null)
            {
                return why;
            }

            if (rule.Effect == PolicyEffect.Deny && why is null)
            {
                return null;
            }
        }

        if (rule.Effect == PolicyEffect.Allow || request.SecondaryResources.Any(r => Excluded(rule, r) is null))
        {
            return null;
        }

        return $"no resource{(request.SecondaryResources.Count == 0 ? "" : " (main or secondary)")} matches {DescribeResources(rule)}";
    }

    private static string? Excluded(PolicyRule rule, string resource)
    {
        var compared = rule.CaseInsensitive ? CaseFolding.Fold(resource) : resource;
        if (rule.Resources is { } patterns && !patterns.Any(p => Glob.IsMatch(rule.CaseInsensitive ? CaseFolding.Fold(p) : p, compared)))
        {
            return $"resource `{resource}` matches none of [{string.Join(", ", patterns)}]";
        }

        return rule.NotResources?.FirstOrDefault(p => Glob.IsMatch(p, resource)) is { } excluded
            ? $"resource `{resource}` is excluded by notResources `{excluded}`"
            : null;
    }

    private static string DescribeResources(PolicyRule rule) => string.Join(" and ", new[]
    {
        rule.Resources is { } patterns ? $"[{string.Join(", ", patterns)}]" : null,
        rule.NotResources is { } excluded ? $"notResources [{string.Join(", ", excluded)}]" : null,
    }.OfType<string>());

    // Allow rules need every value of a (list) argument to satisfy the condition; deny rules fire when any value does.
    // An absent argument satisfies nothing but `absent: true`, so it can never widen an allow.
    private static string? ConditionMismatch(ArgumentCondition condition, PolicyRequest request, PolicyRule rule)
    {
        var value = request.Arguments.GetValueOrDefault(condition.Argument);
        var deny = rule.Effect == PolicyEffect.Deny;
        if (ConditionMatch.Holds(condition, value, deny, rule.CaseInsensitive))
        {
            return null;
        }

        if (condition.Absent is { } absent)
        {
            return absent ? $"argument `{condition.Argument}` is given" : $"argument `{condition.Argument}` is absent";
        }

        if (value is null)
        {
            return $"argument `{condition.Argument}` is absent";
        }

        if (value.Content is { } content)
        {
            return string.Create(CultureInfo.InvariantCulture, $"argument `{condition.Argument}` (sha256 {content.Sha256}, {content.Size} bytes) does not satisfy {Describe(condition)}");
        }

        if (condition.Entries is not null)
        {
            return $"argument `{condition.Argument}` does not satisfy {Describe(condition)}";
        }

        var offending = deny ? value.Items.FirstOrDefault() : value.Items.FirstOrDefault(v => !ConditionMatch.Satisfies(condition, v, rule.CaseInsensitive));
        return offending is null
            ? $"argument `{condition.Argument}` is empty"
            : $"argument `{condition.Argument}` = `{offending}` does not satisfy {Describe(condition)}";
    }

    private static string Describe(ArgumentCondition c)
    {
        var parts = new List<string>();
        if (c.AnyOf is { } anyOf)
        {
            parts.Add($"one of [{string.Join(", ", anyOf)}]");
        }

        if (c.NoneOf is { } noneOf)
        {
            parts.Add($"none of [{string.Join(", ", noneOf)}]");
        }

        if (c.Prefix is { } prefix)
        {
            parts.Add($"prefix `{prefix}`");
        }

        if (c.Sha256 is { } digests)
        {
            parts.Add($"sha256 one of [{string.Join(", ", digests)}]");
        }

        if (c.Entries is { } entries)
        {
            parts.AddRange(entries.Select(e => e.Absent is { } absent ? $"key `{e.Argument}` {(absent ? "absent" : "present")}" : $"key `{e.Argument}`: {Describe(e)}"));
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
