using System.Globalization;
using Sentrely.Credentials;
using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Iam;

/// <summary>
/// Turns one (tool, allow rule) pair into grants: the manifest's IAM statements with the placeholders the rule narrows
/// (its resource globs, its <c>when</c> lists and prefixes, its principals as session-tag conditions) and <c>*</c> for
/// the rest, each wide spot named in a note.
/// </summary>
internal static class GrantBuilder
{
    /// <summary>Returns the grants, or an empty list with a note when the rule's resources cannot be read for this tool.</summary>
    public static (IReadOnlyList<IamGrant> Grants, IReadOnlyList<string> Problems) Build(
        ToolManifest tool, PolicyRule rule, IReadOnlyDictionary<string, IReadOnlyList<string>> configured)
    {
        var bindings = ResourceBindings(tool, rule, configured, out var problems);
        var grants = new List<IamGrant>();
        foreach (var binding in bindings)
        {
            var values = new Dictionary<string, IReadOnlyList<string>>(configured, StringComparer.Ordinal);
            var notes = new List<string>();
            foreach (var (name, glob) in binding)
            {
                values[name] = [glob];
            }

            ApplyWhen(rule, values, notes);
            if (rule.NotResources is { } excluded)
            {
                notes.Add($"`notResources` [{string.Join(", ", excluded)}] (rule `{rule.Id}`) is enforced by Sentrely only: the grant does not exclude them");
            }

            // Unnarrowed: a derived value (functionArn) keeps its known shape, any other argument is `*`.
            var unbound = ManifestTemplates.Placeholders(tool).Where(p => !values.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
            foreach (var placeholder in unbound)
            {
                values[placeholder] = [ResourceShapes.DerivedShape(placeholder, configured) ?? "*"];
            }

            unbound.RemoveWhere(p => ResourceShapes.DerivedShape(p, configured) is not null);

            var principals = PrincipalConditions(rule);
            for (var i = 0; i < tool.Iam.Count; i++)
            {
                var template = tool.Iam[i];
                var resources = template.Resources.SelectMany(r => ManifestTemplates.Expand(r, values)).Distinct(StringComparer.Ordinal).ToList();
                if (resources.Count == 0)
                {
                    continue;
                }

                // Each statement names only its own wide spots; the rule-level notes go with the first one.
                var statementNotes = i == 0 ? new List<string>(notes) : [];
                statementNotes.AddRange(template.Resources.SelectMany(ManifestTemplates.Placeholders).Distinct(StringComparer.Ordinal)
                    .Where(p => unbound.Contains(p) && IsNarrowable(tool, p))
                    .Select(p => $"`{p}` is not narrowed by rule `{rule.Id}`: any value (add `when: {{ {p}: [...] }}` to narrow it)"));
                var conditions = template.Conditions.Select(c => Condition(c, values, tool, statementNotes)).OfType<IamCondition>().Concat(principals).ToList();
                var sid = Sid(tool.Name, rule.Id, i);
                grants.Add(new IamGrant(tool.Name, rule.Id, new IamStatement(sid, "Allow", template.Actions, resources, conditions)) { Notes = statementNotes.Distinct(StringComparer.Ordinal).ToList() });
            }
        }

        return (grants, problems);
    }

    // One binding per (rule glob, call-resource template) that reads; a rule without resources binds nothing (any value).
    private static List<IReadOnlyDictionary<string, string>> ResourceBindings(
        ToolManifest tool, PolicyRule rule, IReadOnlyDictionary<string, IReadOnlyList<string>> configured, out List<string> problems)
    {
        problems = [];
        if (rule.Resources is null)
        {
            return [new Dictionary<string, string>(StringComparer.Ordinal)];
        }

        var bindings = new List<IReadOnlyDictionary<string, string>>();
        foreach (var pattern in rule.Resources)
        {
            foreach (var template in tool.Resources)
            {
                var filled = IamTemplates.Fill(template, configured);
                // A fixed call resource (`*`, run-instances' `instance/*`) is matched as the policy matches it: as a string.
                if (ManifestTemplates.Placeholders(filled).Count == 0)
                {
                    if (Glob.IsMatch(pattern, filled))
                    {
                        bindings.Add(new Dictionary<string, string>(StringComparer.Ordinal));
                    }

                    continue;
                }

                if (!GlobSets.Intersect(pattern, IamTemplates.Shape(filled, configured)))
                {
                    continue;
                }

                if (ResourceUnifier.Bind(filled, pattern) is { } binding && WithinDerivedShapes(binding, configured) is { } bounded)
                {
                    bindings.Add(bounded);
                }
                else
                {
                    problems.Add($"rule `{rule.Id}` resource `{pattern}` cannot be expressed for `{tool.Name}` without widening it: nothing is granted for it");
                }
            }
        }

        return bindings;
    }

    // A derived placeholder bound wider than its shape (`*` for functionArn) is narrowed to the shape; one that only
    // overlaps it cannot be expressed exactly.
    private static Dictionary<string, string>? WithinDerivedShapes(IReadOnlyDictionary<string, string> binding, IReadOnlyDictionary<string, IReadOnlyList<string>> configured)
    {
        var bounded = new Dictionary<string, string>(binding, StringComparer.Ordinal);
        foreach (var (name, value) in binding)
        {
            if (ResourceShapes.DerivedShape(name, configured) is not { } shape || GlobSets.Covers(shape, value))
            {
                continue;
            }

            if (!GlobSets.Covers(value, shape))
            {
                return null;
            }

            bounded[name] = shape;
        }

        return bounded;
    }

    private static void ApplyWhen(PolicyRule rule, Dictionary<string, IReadOnlyList<string>> values, List<string> notes)
    {
        foreach (var condition in rule.When)
        {
            var narrowedByResource = values.TryGetValue(condition.Argument, out var current) && current is not ["*"];
            if (condition.AnyOf is { } anyOf && !narrowedByResource)
            {
                values[condition.Argument] = anyOf;
            }
            else if (condition.Prefix is { } prefix && !narrowedByResource)
            {
                values[condition.Argument] = [prefix + "*"];
            }

            if (condition.Min is not null || condition.Max is not null)
            {
                var range = string.Create(CultureInfo.InvariantCulture, $"{(condition.Min is { } min ? $"≥ {min} " : "")}{(condition.Max is { } max ? $"≤ {max}" : "")}").Trim();
                notes.Add($"`{condition.Argument}` {range} (rule `{rule.Id}`) is enforced by Sentrely only: IAM cannot express it");
            }
        }
    }

    private static IamCondition? Condition(IamConditionTemplate template, Dictionary<string, IReadOnlyList<string>> values, ToolManifest tool, List<string> notes)
    {
        var expanded = template.Values.SelectMany(v => ManifestTemplates.Expand(v, values)).Distinct(StringComparer.Ordinal).ToList();
        if (expanded.Count == 0 || expanded.Contains("*"))
        {
            notes.Add($"`{template.Key}` is not limited for `{tool.Name}` (no rule narrows it)");
            return null;
        }

        var op = template.Operator == "StringEquals" && expanded.Any(Glob.HasWildcard) ? "StringLike" : template.Operator;
        return new IamCondition(op, template.Key, expanded);
    }

    // Sessions carry the developer and project as tags (sanitised the same way), so a rule's principals become tag conditions.
    internal static IEnumerable<IamCondition> PrincipalConditions(PolicyRule rule)
    {
        if (rule.Developers is { Count: > 0 } developers)
        {
            yield return new IamCondition("StringEquals", "aws:PrincipalTag/developer", [.. developers.Select(StsNames.TagValue)]);
        }

        if (rule.Projects is { Count: > 0 } projects)
        {
            yield return new IamCondition("StringEquals", "aws:PrincipalTag/project", [.. projects.Select(StsNames.TagValue)]);
        }
    }

    // Placeholders with a `|*` default are wide on purpose (AWS picks the default subnet); the others are worth a note.
    private static bool IsNarrowable(ToolManifest tool, string placeholder) =>
        !tool.Iam.SelectMany(s => s.Resources).Any(r => r.Contains("{" + placeholder + "|", StringComparison.Ordinal));

    internal static string Sid(string tool, string rule, int index)
    {
        var text = string.Concat((tool + "-" + rule).Split('-', '_', '.', ' ').Select(w => w.Length == 0 ? "" : char.ToUpperInvariant(w[0]) + w[1..]));
        var clean = new string(text.Where(char.IsAsciiLetterOrDigit).ToArray());
        return (clean.Length > 60 ? clean[..60] : clean) + index.ToString(CultureInfo.InvariantCulture);
    }
}
