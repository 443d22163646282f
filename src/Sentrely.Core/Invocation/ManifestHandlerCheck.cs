using Sentrely.Manifests;

namespace Sentrely.Invocation;

/// <summary>Cross-checks a manifest against its handler: every placeholder and redaction names a real argument.</summary>
internal static class ManifestHandlerCheck
{
    /// <summary>Gets the placeholders every template may use, filled from configuration.</summary>
    public static IReadOnlySet<string> ConfigPlaceholders { get; } = new HashSet<string>(StringComparer.Ordinal) { "partition", "region", "account" };

    /// <summary>Returns the inconsistencies between <paramref name="manifest"/> and <paramref name="handler"/>.</summary>
    public static IEnumerable<string> Check(ToolManifest manifest, IToolHandler handler)
    {
        var arguments = handler.ArgumentsType.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var known = new HashSet<string>(arguments, StringComparer.Ordinal);
        known.UnionWith(handler.DerivedValues);
        known.UnionWith(ConfigPlaceholders);
        foreach (var placeholder in ManifestTemplates.Placeholders(manifest))
        {
            if (!known.Contains(placeholder))
            {
                yield return $"manifest `{manifest.Name}` uses `{{{placeholder}}}`, which is neither an argument of its handler nor a derived value";
            }
        }

        foreach (var name in manifest.BlobArguments.Concat(manifest.MaskedArguments))
        {
            if (!arguments.Contains(name))
            {
                yield return $"manifest `{manifest.Name}` redacts `{name}`, which is not an argument of its handler";
            }
        }

        if (manifest.CallsAws == (manifest.Iam.Count == 0))
        {
            yield return $"manifest `{manifest.Name}` must declare IAM statements exactly when it names a role";
        }
    }
}
