using Sentrely.Configuration;

namespace Sentrely.Manifests;

/// <summary>Loads the curated tool manifests strictly; any error in any file stops the load.</summary>
public static class ToolManifestLoader
{
    /// <summary>Reads and validates manifests.</summary>
    /// <param name="files">Each manifest's name for messages (a path or resource name) and its YAML text.</param>
    /// <returns>The manifests, in the order given.</returns>
    /// <exception cref="ConfigException">A manifest is invalid, or two share a name; carries every error of every file.</exception>
    public static IReadOnlyList<ToolManifest> Load(IEnumerable<(string SourceName, string Yaml)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<ConfigError>();
        var manifests = new List<ToolManifest>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (sourceName, yaml) in files)
        {
            var reader = new YamlNodeReader(sourceName);
            var manifest = ManifestReader.Read(reader, sourceName, yaml);
            errors.AddRange(reader.Errors);
            if (manifest is null)
            {
                continue;
            }

            if (sources.TryGetValue(manifest.Name, out var first))
            {
                errors.Add(new ConfigError(sourceName, 1, 1, "name", ConfigErrorCodes.InvalidManifestName,
                    $"tool `{manifest.Name}` is already defined in {first}: each tool has exactly one manifest"));
                continue;
            }

            sources[manifest.Name] = sourceName;
            manifests.Add(manifest);
        }

        if (errors.Count > 0)
        {
            throw new ConfigException(errors);
        }

        return manifests;
    }
}
