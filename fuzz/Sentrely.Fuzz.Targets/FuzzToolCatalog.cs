using Sentrely.Aws.Tools;
using Sentrely.Configuration;
using Sentrely.Invocation;
using Sentrely.Manifests;

namespace Sentrely.Fuzz;

/// <summary>The shipped AWS tool handlers and the catalog derived from them and the repository's manifests, as the server builds it.</summary>
internal static class FuzzToolCatalog
{
    /// <summary>The curated AWS tools' handlers; validation never reaches AWS, so no client is ever made.</summary>
    public static IReadOnlyList<IToolHandler> Handlers { get; } =
        AwsToolHandlers.Create(() => throw new InvalidOperationException("fuzzing validates only"), TimeProvider.System);

    /// <summary>The tools' arguments, how the policy sees them and their call resources, from the manifests in <c>tool-manifests/</c>.</summary>
    public static ToolCatalog Catalog { get; } = ToolCatalog.From(Registered());

    private static List<RegisteredTool> Registered()
    {
        var folder = Path.Combine(RepositoryRoot(), "tool-manifests");
        var files = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(Path.GetDirectoryName(folder)!, f), File.ReadAllText(f)));
        var manifests = ToolManifestLoader.Load(files).ToDictionary(m => m.Name, StringComparer.Ordinal);
        return Handlers.Select(h => new RegisteredTool(manifests[h.Name], h)).ToList();
    }

    // The harness runs from its build output inside the repository (fuzz/run.sh, the corpus regression tests).
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sentrely.Mcp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Sentrely.Mcp.sln not found above " + AppContext.BaseDirectory);
    }
}
