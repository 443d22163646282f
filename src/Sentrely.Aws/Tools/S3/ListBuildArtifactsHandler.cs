using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.S3.Model;
using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.S3;

/// <summary>Lists artifacts under one prefix: <c>s3:ListBucket</c> with <c>s3:prefix</c> equal to exactly that prefix.</summary>
internal sealed class ListBuildArtifactsHandler(AwsClients clients) : ToolHandler<ListBuildArtifactsArguments, ListBuildArtifactsResult>
{
    public override string Name => "list-build-artifacts";

    protected override JsonTypeInfo<ListBuildArtifactsArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.ListBuildArtifactsArguments;

    protected override JsonTypeInfo<ListBuildArtifactsResult> ResultTypeInfo => AwsToolJsonContext.Default.ListBuildArtifactsResult;

    protected override ValueTask ValidateAsync(ListBuildArtifactsArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        values.Set("bucket", arguments.Bucket, AwsArgumentRules.CheckBucketName("bucket", arguments.Bucket));
        values.Set("prefix", arguments.Prefix, AwsArgumentRules.CheckPrefix("prefix", arguments.Prefix));
        if (arguments.MaxKeys is { } maxKeys and (< 1 or > 1000))
        {
            values.Check("`maxKeys` must be between 1 and 1000");
        }

        values.Set("maxKeys", arguments.MaxKeys);
        if (arguments.ContinuationToken is { } token)
        {
            values.Check(AwsArgumentRules.CheckText("continuationToken", token, 1024));
        }

        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(ListBuildArtifactsArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        using var s3 = clients.S3(invocation);
        try
        {
            var response = await s3.ListObjectsV2Async(
                new ListObjectsV2Request
                {
                    BucketName = arguments.Bucket,
                    Prefix = arguments.Prefix,
                    MaxKeys = arguments.MaxKeys ?? 100,
                    ContinuationToken = arguments.ContinuationToken,
                },
                cancellationToken).ConfigureAwait(false);
            var objects = (response.S3Objects ?? []).Select(o => new ArtifactSummary(o.Key, o.Size ?? 0, o.LastModified, o.ETag)).ToArray();
            var result = new ListBuildArtifactsResult(arguments.Bucket, arguments.Prefix, objects, response.IsTruncated ?? false, response.NextContinuationToken);
            return Success(result, $"{objects.Length} artifacts under s3://{arguments.Bucket}/{arguments.Prefix}", [response.ResponseMetadata.RequestId]);
        }
        catch (AmazonServiceException ex)
        {
            return AwsFailures.From(ex, []);
        }
    }
}

/// <summary>Gets the arguments of list-build-artifacts.</summary>
internal sealed record ListBuildArtifactsArguments
{
    [Description("The S3 bucket.")]
    public required string Bucket { get; init; }

    [Description("The key prefix to list, for example builds/. The policy must allow exactly this prefix.")]
    public required string Prefix { get; init; }

    [Description("The most keys to return (1-1000, default 100).")]
    public int? MaxKeys { get; init; }

    [Description("The nextContinuationToken of a previous page.")]
    public string? ContinuationToken { get; init; }
}

/// <summary>Gets the result of list-build-artifacts.</summary>
internal sealed record ListBuildArtifactsResult(string Bucket, string Prefix, IReadOnlyList<ArtifactSummary> Artifacts, bool IsTruncated, string? NextContinuationToken);

/// <summary>Gets one listed artifact.</summary>
internal sealed record ArtifactSummary(string Key, long Size, DateTime? LastModified, string? ETag);
