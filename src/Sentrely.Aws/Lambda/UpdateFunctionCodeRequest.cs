namespace Sentrely.Aws.Lambda;

/// <summary>Gets an UpdateFunctionCode request. Exactly one code source must be set: <see cref="ZipFile"/>, <see cref="S3Bucket"/> with <see cref="S3Key"/>, or <see cref="ImageUri"/>.</summary>
public sealed record UpdateFunctionCodeRequest
{
    /// <summary>Gets the function name or ARN (1–140 characters).</summary>
    public required string FunctionName { get; init; }

    /// <summary>Gets the deployment package bytes (sent base64-encoded).</summary>
    public ReadOnlyMemory<byte>? ZipFile { get; init; }

    /// <summary>Gets the bucket holding the deployment package.</summary>
    public string? S3Bucket { get; init; }

    /// <summary>Gets the key of the deployment package.</summary>
    public string? S3Key { get; init; }

    /// <summary>Gets the version of the deployment package object.</summary>
    public string? S3ObjectVersion { get; init; }

    /// <summary>Gets the container image URI.</summary>
    public string? ImageUri { get; init; }

    /// <summary>Gets a value indicating whether to publish a new version.</summary>
    public bool Publish { get; init; }

    /// <summary>Gets a value indicating whether to validate only, without updating.</summary>
    public bool DryRun { get; init; }

    /// <summary>Gets the revision the update must apply to; a stale value fails with <c>PreconditionFailedException</c>.</summary>
    public string? RevisionId { get; init; }
}
