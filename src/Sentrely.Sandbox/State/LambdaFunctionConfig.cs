namespace Sentrely.Sandbox.State;

/// <summary>One immutable configuration of a Lambda function ($LATEST or a published version).</summary>
internal sealed record LambdaFunctionConfig(
    string Name,
    string Version,
    string Runtime,
    string Handler,
    IReadOnlyDictionary<string, string> Environment,
    string PackageType,
    string? ImageUri,
    string CodeSha256,
    long CodeSize,
    string RevisionId,
    DateTimeOffset LastModified,
    string LastUpdateStatus);
