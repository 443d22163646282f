using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

/// <summary>The tools and arguments of DESIGN.md's "Curated tools and their arguments" table.</summary>
internal static class DesignToolCatalog
{
    public static ToolCatalog Instance { get; } = new(new Dictionary<string, IReadOnlySet<string>>
    {
        ["put-build-artifact"] = Set("bucket", "key", "text", "contentBase64", "path", "contentType"),
        ["get-build-artifact"] = Set("bucket", "key"),
        ["list-build-artifacts"] = Set("bucket", "prefix", "maxKeys", "continuationToken"),
        ["update-function-code"] = Set("functionName", "zipBase64", "path", "s3Bucket", "s3Key", "imageUri", "publish", "dryRun", "revisionId"),
        ["get-function"] = Set("functionName", "qualifier"),
        ["list-functions"] = Set("marker", "maxItems"),
        ["describe-instances"] = Set("instanceIds", "filters", "maxResults", "nextToken"),
        ["run-instances"] = Set("imageId", "instanceType", "count", "subnetId", "securityGroupIds", "keyName", "tags"),
        ["start-instances"] = Set("instanceIds"),
        ["stop-instances"] = Set("instanceIds"),
        ["terminate-instances"] = Set("instanceIds"),
        ["list-permissions"] = Set(),
    });

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}
