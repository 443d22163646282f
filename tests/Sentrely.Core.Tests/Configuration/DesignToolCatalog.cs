using Sentrely.Configuration;
using Sentrely.Core.Tests.Policy;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Configuration;

/// <summary>The tools and arguments of DESIGN.md's "Curated tools and their arguments" table, with the shipped manifests' resources.</summary>
internal static class DesignToolCatalog
{
    private static readonly Dictionary<string, Dictionary<string, ArgumentKind>> Kinds = new(StringComparer.Ordinal)
    {
        ["put-build-artifact"] = Args(("bucket", ArgumentKind.Text), ("key", ArgumentKind.Text), ("text", ArgumentKind.Blob), ("contentBase64", ArgumentKind.Blob), ("path", ArgumentKind.Blob), ("contentType", ArgumentKind.Text)),
        ["get-build-artifact"] = Args(("bucket", ArgumentKind.Text), ("key", ArgumentKind.Text)),
        ["list-build-artifacts"] = Args(("bucket", ArgumentKind.Text), ("prefix", ArgumentKind.Text), ("maxKeys", ArgumentKind.Number), ("continuationToken", ArgumentKind.Text)),
        ["update-function-code"] = Args(
            ("functionName", ArgumentKind.Text), ("zipBase64", ArgumentKind.Blob), ("path", ArgumentKind.Blob), ("s3Bucket", ArgumentKind.Text), ("s3Key", ArgumentKind.Text),
            ("imageUri", ArgumentKind.Text), ("publish", ArgumentKind.Boolean), ("dryRun", ArgumentKind.Boolean), ("revisionId", ArgumentKind.Text)),
        ["get-function"] = Args(("functionName", ArgumentKind.Text), ("qualifier", ArgumentKind.Text)),
        ["list-functions"] = Args(("marker", ArgumentKind.Text), ("maxItems", ArgumentKind.Number)),
        ["describe-instances"] = Args(("instanceIds", ArgumentKind.TextList), ("filters", ArgumentKind.TextMap), ("maxResults", ArgumentKind.Number), ("nextToken", ArgumentKind.Text)),
        ["run-instances"] = Args(
            ("imageId", ArgumentKind.Text), ("instanceType", ArgumentKind.Text), ("count", ArgumentKind.Number), ("subnetId", ArgumentKind.Text),
            ("securityGroupIds", ArgumentKind.TextList), ("keyName", ArgumentKind.Text), ("tags", ArgumentKind.TextMap)),
        ["start-instances"] = Args(("instanceIds", ArgumentKind.TextList)),
        ["stop-instances"] = Args(("instanceIds", ArgumentKind.TextList)),
        ["terminate-instances"] = Args(("instanceIds", ArgumentKind.TextList)),
        ["list-permissions"] = Args(),
    };

    public static ToolCatalog Instance { get; } = new(
        Kinds.ToDictionary(t => t.Key, t => (IReadOnlySet<string>)t.Value.Keys.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal),
        Kinds.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, ArgumentKind>)t.Value, StringComparer.Ordinal),
        PolicyTestSupport.Manifests.ToDictionary(m => m.Name, m => m.Resources, StringComparer.Ordinal))
    {
        SecondaryResourcesByTool = PolicyTestSupport.Manifests.ToDictionary(m => m.Name, m => m.SecondaryResources, StringComparer.Ordinal),
    };

    private static Dictionary<string, ArgumentKind> Args(params (string Name, ArgumentKind Kind)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Kind, StringComparer.Ordinal);
}
