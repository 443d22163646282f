using Sentrely.Invocation;
using Sentrely.Policy;

namespace Sentrely.Configuration;

/// <summary>Gets the curated tools the configuration may name: their arguments, how the policy sees them, and their call resources.</summary>
/// <param name="ArgumentsByTool">The argument names of each tool (its input schema), by tool name.</param>
/// <param name="KindsByTool">How <c>when</c> sees each argument of each tool; an argument missing here cannot be evaluated.</param>
/// <param name="ResourcesByTool">Each tool's call-resource templates (its manifest's <c>resources</c>).</param>
public sealed record ToolCatalog(
    IReadOnlyDictionary<string, IReadOnlySet<string>> ArgumentsByTool,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ArgumentKind>> KindsByTool,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ResourcesByTool)
{
    /// <summary>Gets each tool's secondary-resource templates (its manifest's <c>secondaryResources</c>): what deny rules can also meet.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SecondaryResourcesByTool { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>Returns the resource templates a rule of <paramref name="effect"/> can meet for <paramref name="tool"/>: deny rules also meet the secondary ones.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="effect">The rule's effect.</param>
    public IReadOnlyList<string> ResourcesFor(string tool, PolicyEffect effect) =>
        effect == PolicyEffect.Deny && SecondaryResourcesByTool.TryGetValue(tool, out var secondary)
            ? [.. ResourcesByTool[tool], .. secondary]
            : ResourcesByTool[tool];

    /// <summary>Returns the catalog of <paramref name="tools"/>: everything derived from their manifests and handlers.</summary>
    /// <param name="tools">The registered tools.</param>
    public static ToolCatalog From(IReadOnlyList<RegisteredTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        return new ToolCatalog(
            tools.ToDictionary(t => t.Manifest.Name, t => (IReadOnlySet<string>)ArgumentKinds.InputProperties(t.Handler.ArgumentsType).Select(p => p.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal),
            tools.ToDictionary(t => t.Manifest.Name, t => t.ArgumentKinds, StringComparer.Ordinal),
            tools.ToDictionary(t => t.Manifest.Name, t => t.Manifest.Resources, StringComparer.Ordinal))
        {
            SecondaryResourcesByTool = tools.ToDictionary(t => t.Manifest.Name, t => t.Manifest.SecondaryResources, StringComparer.Ordinal),
        };
    }
}
