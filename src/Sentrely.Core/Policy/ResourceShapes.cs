using Sentrely.Configuration;
using Sentrely.Manifests;

namespace Sentrely.Policy;

/// <summary>Derives each tool's <see cref="ResourceShape"/>s from its manifest's <c>resources</c> templates and the configured partition, region and account.</summary>
public static class ResourceShapes
{
    // Values handlers derive rather than take verbatim: their shape is known, unlike a free argument's.
    private static readonly Dictionary<string, string> Derived = new(StringComparer.Ordinal)
    {
        ["functionArn"] = "arn:{partition}:lambda:{region}:{account}:function:*",
    };

    // Arguments whose format validation fixes, so a pattern of another form (a name glob against instance ids) cannot meet them.
    private static readonly Dictionary<string, string> ArgumentFormats = new(StringComparer.Ordinal)
    {
        ["instanceIds"] = "i-*",
    };

    /// <summary>Returns the glob every value of a handler-derived placeholder matches (<c>functionArn</c>), or null for other placeholders.</summary>
    /// <param name="placeholder">The placeholder name.</param>
    /// <param name="configured">The partition, region and account values.</param>
    internal static string? DerivedShape(string placeholder, IReadOnlyDictionary<string, IReadOnlyList<string>> configured) =>
        Derived.TryGetValue(placeholder, out var template) ? ManifestTemplates.Expand(template, configured)[0] : null;

    /// <summary>Returns the shapes of <paramref name="manifest"/>'s call resources.</summary>
    /// <param name="manifest">The tool manifest.</param>
    /// <param name="aws">The configured partition, region and account.</param>
    /// <param name="withSecondary">Whether to add the secondary resources' shapes (what deny rules can match).</param>
    public static IReadOnlyList<ResourceShape> For(ToolManifest manifest, AwsConfig aws, bool withSecondary = false)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return For(withSecondary ? [.. manifest.Resources, .. manifest.SecondaryResources] : manifest.Resources, aws);
    }

    /// <summary>Returns the shapes of the call resources <paramref name="templates"/> describe.</summary>
    /// <param name="templates">A manifest's <c>resources</c> templates.</param>
    /// <param name="aws">The configured partition, region and account.</param>
    public static IReadOnlyList<ResourceShape> For(IReadOnlyList<string> templates, AwsConfig aws)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(aws);
        var configured = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["partition"] = [aws.Partition],
            ["region"] = [aws.Region],
            ["account"] = [aws.AccountId ?? "*"],
        };
        var shapes = new List<ResourceShape>();
        foreach (var template in templates)
        {
            var placeholders = ManifestTemplates.Placeholders(template);
            var isFixed = aws.AccountId is not null && placeholders.All(configured.ContainsKey);
            var values = new Dictionary<string, IReadOnlyList<string>>(configured, StringComparer.Ordinal);
            foreach (var name in placeholders.Where(p => !configured.ContainsKey(p)))
            {
                values[name] = [DerivedShape(name, configured) ?? ArgumentFormats.GetValueOrDefault(name) ?? "*"];
            }

            shapes.AddRange(ManifestTemplates.Expand(template, values).Select(t => new ResourceShape(t, isFixed)));
        }

        return shapes;
    }
}
