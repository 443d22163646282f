namespace Sentrely.Sandbox;

/// <summary>One request received by the double (refused ones included). Never holds secrets or session tokens.</summary>
/// <param name="RequestId">The request ID returned to the caller.</param>
/// <param name="Service">The SigV4 scope service (<c>sts</c>, <c>s3</c>, <c>lambda</c>, <c>ec2</c>), or a best guess when unsigned.</param>
/// <param name="Action">The IAM action, e.g. <c>s3:PutObject</c>; empty when the request was refused before it was understood.</param>
/// <param name="Resources">The resource ARNs authorized (in check order).</param>
/// <param name="ContextKeys">The condition context keys of the request.</param>
/// <param name="AccessKeyId">The access key ID from the signature, if any.</param>
/// <param name="SignedBy">The AssumeRole whose credentials signed the request; <see langword="null"/> for base or unknown credentials.</param>
/// <param name="SignatureValid">Whether the SigV4 signature (and chunk signatures) verified.</param>
/// <param name="Authorized">Whether the session policy (or base-credential rule) allowed the action.</param>
/// <param name="DenyReason">Why the request was refused, if it was.</param>
/// <param name="StatusCode">The HTTP status returned.</param>
/// <param name="ErrorCode">The AWS error code returned, if any.</param>
public sealed record RequestRecord(
    string RequestId,
    string Service,
    string Action,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, string> ContextKeys,
    string? AccessKeyId,
    AssumeRoleRecord? SignedBy,
    bool SignatureValid,
    bool Authorized,
    string? DenyReason,
    int StatusCode,
    string? ErrorCode);
