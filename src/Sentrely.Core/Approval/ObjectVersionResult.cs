namespace Sentrely.Approval;

/// <summary>Gets the answer of an object-version lookup.</summary>
/// <param name="VersionId">The current version id; null when the bucket is not versioned (S3 then answers no id, or <c>null</c>) or the lookup failed.</param>
/// <param name="ErrorCode">The AWS error code of a failed lookup; null when it succeeded.</param>
/// <param name="RequestId">The AWS request id, when AWS answered.</param>
public sealed record ObjectVersionResult(string? VersionId, string? ErrorCode, string? RequestId);
