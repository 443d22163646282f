using Sentrely.Configuration;
using Sentrely.Manifests;

namespace Sentrely.Policy;

/// <summary>
/// Finds rules of a loaded policy that cannot do what they seem to say (<c>sentrely policy validate</c>'s
/// warnings), and notes what a rule does not cover (<see cref="PolicyWarning.IsNote"/>). Conservative: a warning is
/// given only when the problem is certain.
/// </summary>
public static class PolicyLinter
{
    /// <summary>Returns the warnings, in rule order.</summary>
    /// <param name="rules">The loaded rules, in file order.</param>
    /// <param name="manifests">The curated tools.</param>
    /// <param name="aws">The configured partition, region and account, used to derive each tool's resource.</param>
    public static IReadOnlyList<PolicyWarning> Check(IReadOnlyList<PolicyRule> rules, IReadOnlyList<ToolManifest> manifests, AwsConfig aws)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(aws);
        var shapes = manifests.ToDictionary(m => m.Name, m => ResourceShapes.For(m, aws), StringComparer.Ordinal);

        // Deny rules also match what a call touches besides its main resource (a deploy's S3 package).
        var denyShapes = manifests.ToDictionary(m => m.Name, m => ResourceShapes.For(m, aws, withSecondary: true), StringComparer.Ordinal);
        var warnings = new List<PolicyWarning>();
        for (var i = 0; i < rules.Count; i++)
        {
            var field = FieldPath.Index("policy.rules", i);
            warnings.AddRange(UnreachableResourceCheck.Check(rules[i], field, rules[i].Effect == PolicyEffect.Deny ? denyShapes : shapes));
            if (ShadowedAllowCheck.Check(rules[i], field, rules, shapes) is { } shadowed)
            {
                warnings.Add(shadowed);
            }

            if (ReviewerApprovalCheck.Check(rules[i], field) is { } reviewer)
            {
                warnings.Add(reviewer);
            }

            if (CaseSensitiveDenyCheck.Check(rules[i], field) is { } caseSensitive)
            {
                warnings.Add(caseSensitive);
            }
        }

        return warnings;
    }

    /// <summary>Returns the curated tools that <paramref name="glob"/> matches.</summary>
    internal static IEnumerable<string> ToolsOf(string glob, IReadOnlyDictionary<string, IReadOnlyList<ResourceShape>> shapes) =>
        shapes.Keys.Where(t => Glob.IsMatch(glob, t)).Order(StringComparer.Ordinal);
}
