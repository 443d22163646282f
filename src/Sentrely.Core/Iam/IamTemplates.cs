using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Iam;

/// <summary>Manifest templates as the planner reads them: with the configured partition, region and account filled in.</summary>
internal static class IamTemplates
{
    /// <summary>Fills the configured placeholders (<c>partition region account</c>) and leaves the others.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> configured) =>
        ManifestTemplates.Placeholders(template).Where(configured.ContainsKey).Aggregate(
            template, (t, name) => t.Replace("{" + name + "}", configured[name][0], StringComparison.Ordinal));

    /// <summary>What any call's resource looks like: derived placeholders (functionArn) by their known shape, the others <c>*</c>.</summary>
    public static string Shape(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> configured) =>
        ManifestTemplates.Expand(template, ManifestTemplates.Placeholders(template).ToDictionary(
            p => p, p => (IReadOnlyList<string>)[ResourceShapes.DerivedShape(p, configured) ?? "*"], StringComparer.Ordinal))[0];

    /// <summary>Returns whether some call resource of <paramref name="template"/>'s shape could match <paramref name="pattern"/> (a fixed one: as a string).</summary>
    public static bool CanMatch(string template, string pattern, IReadOnlyDictionary<string, IReadOnlyList<string>> configured) =>
        ManifestTemplates.Placeholders(template).Count == 0 ? Glob.IsMatch(pattern, template) : GlobSets.Intersect(pattern, Shape(template, configured));
}
