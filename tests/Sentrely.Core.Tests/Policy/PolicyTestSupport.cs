using Sentrely.Configuration;
using Sentrely.Core.Tests.Configuration;
using Sentrely.Manifests;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Policy;

/// <summary>The shipped manifests and configurations parsed from YAML, for policy tests.</summary>
internal static class PolicyTestSupport
{
    private const string Aws = """
        aws:
          accountId: "111122223333"
          roles:
            read: arn:aws:iam::111122223333:role/r
            deploy: arn:aws:iam::111122223333:role/d
        """;

    public static IReadOnlyList<ToolManifest> Manifests { get; } = LoadShipped();

    /// <summary>Parses <paramref name="rulesYaml"/> (the items of <c>policy.rules</c>, indented by four spaces) under a fixed <c>aws</c> section.</summary>
    public static SentrelyConfig Config(string rulesYaml) =>
        SentrelyConfigLoader.Parse($"{Aws}\npolicy:\n  rules:\n{rulesYaml}", "policy.yaml", DesignToolCatalog.Instance);

    private static IReadOnlyList<ToolManifest> LoadShipped()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tool-manifests");
        var files = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(RepositoryRoot.Path, f), File.ReadAllText(f)));
        return ToolManifestLoader.Load(files);
    }
}
