using Sentrely.Manifests;

namespace Sentrely.Mcp.Hosting;

/// <summary>Reads the curated tool manifests compiled into the binary (never from the working directory).</summary>
internal static class EmbeddedManifests
{
    private const string Prefix = "manifests/";

    public static IReadOnlyList<ToolManifest> Load()
    {
        var assembly = typeof(EmbeddedManifests).Assembly;
        var files = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add(("tool-manifests/" + name[Prefix.Length..], reader.ReadToEnd()));
        }

        return ToolManifestLoader.Load(files);
    }
}
