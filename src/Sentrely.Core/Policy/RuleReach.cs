namespace Sentrely.Policy;

/// <summary>Whether a rule's resource patterns can meet any call resource of a tool: the question behind SEN1040, SEN1100 and SEN1103.</summary>
internal static class RuleReach
{
    /// <summary>Returns false only when no call resource of a tool with <paramref name="shapes"/> can count for <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="shapes">The tool's resource shapes.</param>
    public static bool CanReach(PolicyRule rule, IReadOnlyList<ResourceShape> shapes) =>
        shapes.Any(s => (rule.Resources is not { } patterns || patterns.Any(p => s.CanMatch(p, rule.CaseInsensitive)))
            && (rule.NotResources is not { } excluded || !excluded.Any(n => s.Covered(n, null))));
}
