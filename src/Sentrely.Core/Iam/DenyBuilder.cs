using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Iam;

/// <summary>
/// Carries deny rules into the role policy, so a leaked role credential is stopped by IAM as Sentrely stops the call:
/// for each manifest statement whose IAM resource is the call resource itself, a Deny of its actions on the rule's
/// resource globs (IAM and Sentrely read <c>*</c> and <c>?</c> alike). Deny rules with <c>when</c> conditions, and IAM
/// resources other than the call resource (a bucket with a prefix condition, an image, a package object), stay
/// Sentrely's to enforce, and the plan says so.
/// </summary>
internal static class DenyBuilder
{
    /// <summary>Returns the deny grants of <paramref name="rule"/> for <paramref name="tool"/>, and notes of what IAM cannot carry.</summary>
    public static (IReadOnlyList<IamGrant> Grants, IReadOnlyList<string> Notes) Build(ToolManifest tool, PolicyRule rule, IReadOnlyDictionary<string, IReadOnlyList<string>> configured)
    {
        if (rule.When.Count > 0)
        {
            return ([], [$"deny rule `{rule.Id}` has `when` conditions: Sentrely enforces it for `{tool.Name}`, the role policy does not"]);
        }

        // A deny without resources stops the whole tool; the planner grants it nothing instead (its actions may serve other tools).
        if (rule.Resources is null)
        {
            return ([], []);
        }

        var callResources = tool.Resources.Select(r => Fill(r, configured)).ToHashSet(StringComparer.Ordinal);
        var grants = new List<IamGrant>();
        var notes = new List<string>();
        var conditions = GrantBuilder.PrincipalConditions(rule).ToList();
        for (var i = 0; i < tool.Iam.Count; i++)
        {
            var statement = tool.Iam[i];
            var patterns = rule.Resources.Where(p => statement.Resources.Any(r => callResources.Contains(Fill(r, configured)) && CanMatch(Fill(r, configured), p))).ToList();
            if (patterns.Count > 0)
            {
                grants.Add(new IamGrant(tool.Name, rule.Id, new IamStatement(GrantBuilder.Sid(tool.Name, rule.Id, i) + "Deny", "Deny", statement.Actions, patterns, conditions)));
            }

            if (statement.Resources.Any(r => !callResources.Contains(Fill(r, configured))))
            {
                var others = statement.Resources.Where(r => !callResources.Contains(Fill(r, configured))).Select(r => Shape(Fill(r, configured)));
                notes.Add($"deny rule `{rule.Id}` is enforced by Sentrely only for {string.Join(", ", statement.Actions)} on {string.Join(", ", others)}");
            }
        }

        return (grants, notes);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> configured) =>
        ManifestTemplates.Placeholders(template).Where(configured.ContainsKey).Aggregate(
            template, (t, name) => t.Replace("{" + name + "}", configured[name][0], StringComparison.Ordinal));

    // The template with each remaining placeholder (and its default) read as `*`.
    private static string Shape(string template) =>
        ManifestTemplates.Expand(template, ManifestTemplates.Placeholders(template).ToDictionary(p => p, _ => (IReadOnlyList<string>)["*"], StringComparer.Ordinal))[0];

    // The pattern concerns this template when some call resource of its shape could match it.
    private static bool CanMatch(string template, string pattern) =>
        ManifestTemplates.Placeholders(template).Count == 0 ? Glob.IsMatch(pattern, template) : GlobSets.Intersect(pattern, Shape(template));
}
