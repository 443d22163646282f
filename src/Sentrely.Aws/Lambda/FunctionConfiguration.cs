namespace Sentrely.Aws.Lambda;

/// <summary>Gets a function's configuration. Environment variables are reduced to their names; values are never kept.</summary>
public sealed record FunctionConfiguration
{
    /// <summary>Gets the function name.</summary>
    public string? FunctionName { get; init; }

    /// <summary>Gets the function ARN.</summary>
    public string? FunctionArn { get; init; }

    /// <summary>Gets the runtime, for example <c>nodejs22.x</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary>Gets the handler.</summary>
    public string? Handler { get; init; }

    /// <summary>Gets the deployment package size in bytes.</summary>
    public long? CodeSize { get; init; }

    /// <summary>Gets the SHA-256 (base64) of the deployment package.</summary>
    public string? CodeSha256 { get; init; }

    /// <summary>Gets the version.</summary>
    public string? Version { get; init; }

    /// <summary>Gets when the function was last modified, as Lambda formats it.</summary>
    public string? LastModified { get; init; }

    /// <summary>Gets the revision id.</summary>
    public string? RevisionId { get; init; }

    /// <summary>Gets the state: <c>Pending</c>, <c>Active</c>, <c>Inactive</c> or <c>Failed</c>.</summary>
    public string? State { get; init; }

    /// <summary>Gets the status of the last update: <c>Successful</c>, <c>Failed</c> or <c>InProgress</c>.</summary>
    public string? LastUpdateStatus { get; init; }

    /// <summary>Gets the reason for the last update's status.</summary>
    public string? LastUpdateStatusReason { get; init; }

    /// <summary>Gets the memory size in MB.</summary>
    public int? MemorySize { get; init; }

    /// <summary>Gets the timeout in seconds.</summary>
    public int? Timeout { get; init; }

    /// <summary>Gets the package type: <c>Zip</c> or <c>Image</c>.</summary>
    public string? PackageType { get; init; }

    /// <summary>Gets the names of the function's environment variables, in Lambda's order.</summary>
    public IReadOnlyList<string> EnvironmentVariableNames { get; init; } = [];
}
