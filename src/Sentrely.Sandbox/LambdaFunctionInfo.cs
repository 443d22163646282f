namespace Sentrely.Sandbox;

/// <summary>A snapshot of a Lambda function's $LATEST state.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Arn">The unqualified function ARN.</param>
/// <param name="Runtime">The runtime.</param>
/// <param name="Handler">The handler.</param>
/// <param name="Environment">The environment variables.</param>
/// <param name="Code">A copy of the current zip (empty for image functions).</param>
/// <param name="ImageUri">The image URI for image functions.</param>
/// <param name="CodeSha256">The base64 SHA-256 of the package.</param>
/// <param name="RevisionId">The current revision ID.</param>
/// <param name="LastUpdateStatus">The current update status as the next read would not yet advance it.</param>
/// <param name="PublishedVersions">The published version numbers.</param>
public sealed record LambdaFunctionInfo(
    string Name,
    string Arn,
    string Runtime,
    string Handler,
    IReadOnlyDictionary<string, string> Environment,
    byte[] Code,
    string? ImageUri,
    string CodeSha256,
    string RevisionId,
    string LastUpdateStatus,
    IReadOnlyList<string> PublishedVersions);
