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

        // IAM's NotResource would deny every other resource of the statement's actions, not just this tool's.
        if (rule.NotResources is not null)
        {
            return ([], [$"deny rule `{rule.Id}` has `notResources`: Sentrely enforces it for `{tool.Name}`, the role policy does not"]);
        }

        // A deny without resources stops the whole tool; the planner grants it nothing instead (its actions may serve other tools).
        if (rule.Resources is null)
        {
            return ([], []);
        }

        var callResources = tool.Resources.Select(r => IamTemplates.Fill(r, configured)).ToHashSet(StringComparer.Ordinal);
        var grants = new List<IamGrant>();
        var notes = new List<string>();
        var conditions = GrantBuilder.PrincipalConditions(rule).ToList();
        for (var i = 0; i < tool.Iam.Count; i++)
        {
            var statement = tool.Iam[i];
            var patterns = rule.Resources.Where(p => statement.Resources.Any(r => callResources.Contains(IamTemplates.Fill(r, configured)) && IamTemplates.CanMatch(IamTemplates.Fill(r, configured), p, configured))).ToList();
            if (patterns.Count > 0)
            {
                grants.Add(new IamGrant(tool.Name, rule.Id, new IamStatement(GrantBuilder.Sid(tool.Name, rule.Id, i) + "Deny", "Deny", statement.Actions, patterns, conditions)));
            }
            else if (statement.Resources.Any(r => !callResources.Contains(IamTemplates.Fill(r, configured))))
            {
                // No Deny for these actions: their resources are not the call resource the rule's globs describe.
                var others = statement.Resources.Select(r => IamTemplates.Shape(IamTemplates.Fill(r, configured), configured));
                notes.Add($"deny rule `{rule.Id}` is enforced by Sentrely only for {string.Join(", ", statement.Actions)} on {string.Join(", ", others)}");
            }
        }

        return (grants, notes);
    }
}
