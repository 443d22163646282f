using Sentrely.Aws.Lambda;

namespace Sentrely.Aws.Tools.Lambda;

/// <summary>Gets a function as the agent sees it: configuration and environment variable names, never their values.</summary>
internal sealed record FunctionSummary(
    string? FunctionName,
    string? FunctionArn,
    string? Runtime,
    string? Handler,
    long? CodeSize,
    string? CodeSha256,
    string? Version,
    string? LastModified,
    string? RevisionId,
    string? State,
    string? LastUpdateStatus,
    string? LastUpdateStatusReason,
    int? MemorySize,
    int? Timeout,
    string? PackageType,
    IReadOnlyList<string> EnvironmentVariableNames)
{
    public static FunctionSummary From(FunctionConfiguration c) => new(
        c.FunctionName, c.FunctionArn, c.Runtime, c.Handler, c.CodeSize, c.CodeSha256, c.Version, c.LastModified, c.RevisionId,
        c.State, c.LastUpdateStatus, c.LastUpdateStatusReason, c.MemorySize, c.Timeout, c.PackageType, c.EnvironmentVariableNames);
}
