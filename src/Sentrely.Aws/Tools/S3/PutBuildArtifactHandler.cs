using System.ComponentModel;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.S3.Model;
using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.S3;

/// <summary>Uploads one build artifact: <c>s3:PutObject</c> on exactly one object key.</summary>
internal sealed class PutBuildArtifactHandler(AwsClients clients) : ToolHandler<PutBuildArtifactArguments, PutBuildArtifactResult>
{
    public override string Name => "put-build-artifact";

    protected override JsonTypeInfo<PutBuildArtifactArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.PutBuildArtifactArguments;

    protected override JsonTypeInfo<PutBuildArtifactResult> ResultTypeInfo => AwsToolJsonContext.Default.PutBuildArtifactResult;

    protected override async ValueTask ValidateAsync(PutBuildArtifactArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        if (arguments.ContentType is { } contentType)
        {
            values.Check(AwsArgumentRules.CheckMediaType("contentType", contentType));
        }

        values.Set("bucket", arguments.Bucket, AwsArgumentRules.CheckBucketName("bucket", arguments.Bucket));
        values.Set("key", arguments.Key, AwsArgumentRules.CheckObjectKey("key", arguments.Key));

        var sources = (arguments.Text is null ? 0 : 1) + (arguments.ContentBase64 is null ? 0 : 1) + (arguments.Path is null ? 0 : 1);
        if (sources != 1)
        {
            values.Check("give exactly one of `text`, `contentBase64` or `path`");
            return;
        }

        if (arguments.Text is { } inline && Encoding.UTF8.GetByteCount(inline) > ArgumentLimits.MaxInlineContentBytes)
        {
            values.Check($"`text` is larger than {ArgumentLimits.MaxInlineContentBytes / (1024 * 1024)} MiB; upload larger artifacts with `path`");
            return;
        }

        // The content is read now, once: what is hashed for the audit log is exactly what is uploaded.
        arguments.Content = arguments.Text is { } text
            ? BlobArguments.FromText("text", text, values)
            : await BlobArguments.ReadAsync("contentBase64", arguments.ContentBase64, arguments.Path, context, values, S3Objects.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        if (arguments.Content is { Length: > S3Objects.MaxUploadBytes })
        {
            values.Check($"the artifact is larger than {S3Objects.MaxUploadBytes / (1024 * 1024)} MiB");
        }
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(PutBuildArtifactArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var content = arguments.Content ?? throw new InvalidOperationException("content is read during validation");
        using var s3 = clients.S3(invocation);
        try
        {
            using var body = new MemoryStream(content, writable: false);
            var response = await s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = arguments.Bucket,
                    Key = arguments.Key,
                    InputStream = body,
                    AutoCloseStream = false,
                    ContentType = arguments.ContentType ?? (arguments.Text is null ? "application/octet-stream" : "text/plain; charset=utf-8"),
                },
                cancellationToken).ConfigureAwait(false);
            var result = new PutBuildArtifactResult(arguments.Bucket, arguments.Key, content.Length, S3Objects.Sha256Hex(content), response.ETag, response.VersionId);
            return Success(result, $"uploaded s3://{arguments.Bucket}/{arguments.Key} ({content.Length} bytes)", [response.ResponseMetadata.RequestId]);
        }
        catch (AmazonServiceException ex)
        {
            return AwsFailures.From(ex, []);
        }
    }
}

/// <summary>Gets the arguments of put-build-artifact.</summary>
internal sealed record PutBuildArtifactArguments
{
    [Description("The S3 bucket, for example my-app-deployments.")]
    public required string Bucket { get; init; }

    [Description("The object key, for example builds/1.4.2/app.zip. No wildcards, no `.`/`..` segments.")]
    public required string Key { get; init; }

    [Description("The content as UTF-8 text. Give exactly one of text, contentBase64 or path.")]
    public string? Text { get; init; }

    [Description("The content as base64. Give exactly one of text, contentBase64 or path.")]
    public string? ContentBase64 { get; init; }

    [Description("A file to upload: absolute, or relative to the first MCP root; it must lie inside an MCP root or a configured files.roots folder.")]
    public string? Path { get; init; }

    [Description("The Content-Type, for example application/zip.")]
    public string? ContentType { get; init; }

    /// <summary>Gets or sets the bytes to upload, read during validation.</summary>
    [JsonIgnore]
    public byte[]? Content { get; set; }
}

/// <summary>Gets the result of put-build-artifact.</summary>
internal sealed record PutBuildArtifactResult(string Bucket, string Key, long Size, string Sha256, string? ETag, string? VersionId);
