using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.S3.Model;
using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.S3;

/// <summary>Reads one build artifact: <c>s3:GetObject</c> on exactly one object key; content is size-capped.</summary>
internal sealed class GetBuildArtifactHandler(AwsClients clients) : ToolHandler<GetBuildArtifactArguments, GetBuildArtifactResult>
{
    public override string Name => "get-build-artifact";

    protected override JsonTypeInfo<GetBuildArtifactArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.GetBuildArtifactArguments;

    protected override JsonTypeInfo<GetBuildArtifactResult> ResultTypeInfo => AwsToolJsonContext.Default.GetBuildArtifactResult;

    protected override ValueTask ValidateAsync(GetBuildArtifactArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        values.Set("bucket", arguments.Bucket, AwsArgumentRules.CheckBucketName("bucket", arguments.Bucket));
        values.Set("key", arguments.Key, AwsArgumentRules.CheckObjectKey("key", arguments.Key));
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(GetBuildArtifactArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        using var s3 = clients.S3(invocation);
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = arguments.Bucket, Key = arguments.Key }, cancellationToken).ConfigureAwait(false);

            // Read one byte past the cap to know whether the object was cut, never the whole of a large object.
            var buffer = new byte[S3Objects.MaxDownloadBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await response.ResponseStream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            var truncated = read > S3Objects.MaxDownloadBytes;
            var bytes = buffer[..Math.Min(read, S3Objects.MaxDownloadBytes)];
            var text = S3Objects.AsText(bytes);
            var result = new GetBuildArtifactResult(
                arguments.Bucket,
                arguments.Key,
                response.ContentLength,
                response.Headers.ContentType,
                response.ETag,
                response.LastModified,
                truncated,
                text,
                text is null ? Convert.ToBase64String(bytes) : null);
            return Success(result, $"read s3://{arguments.Bucket}/{arguments.Key} ({response.ContentLength} bytes{(truncated ? ", truncated" : "")})", [response.ResponseMetadata.RequestId]);
        }
        catch (AmazonServiceException ex)
        {
            return AwsFailures.From(ex, []);
        }
    }
}

/// <summary>Gets the arguments of get-build-artifact.</summary>
internal sealed record GetBuildArtifactArguments
{
    [Description("The S3 bucket.")]
    public required string Bucket { get; init; }

    [Description("The object key. No wildcards, no `.`/`..` segments.")]
    public required string Key { get; init; }
}

/// <summary>Gets the result of get-build-artifact: metadata, and the content as text (UTF-8) or base64, cut at 1 MiB.</summary>
internal sealed record GetBuildArtifactResult(
    string Bucket,
    string Key,
    long Size,
    string? ContentType,
    string? ETag,
    DateTime? LastModified,
    bool Truncated,
    string? Text,
    string? ContentBase64);
