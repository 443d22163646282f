namespace Sentrely.Sandbox;

/// <summary>One successful STS AssumeRole call as the double saw it. Never holds secrets or session tokens.</summary>
/// <param name="RequestId">The STS request ID.</param>
/// <param name="CallerAccessKeyId">The access key ID that signed the AssumeRole call.</param>
/// <param name="RoleArn">The assumed role.</param>
/// <param name="RoleSessionName">The session name.</param>
/// <param name="Policy">The inline session policy as sent, or <see langword="null"/>.</param>
/// <param name="Tags">The session tags in request order.</param>
/// <param name="TransitiveTagKeys">The transitive tag keys.</param>
/// <param name="SourceIdentity">The source identity, or <see langword="null"/>.</param>
/// <param name="DurationSeconds">The session duration.</param>
/// <param name="IssuedAccessKeyId">The temporary access key ID issued (ASIA…).</param>
/// <param name="Expiration">When the issued credentials expire.</param>
public sealed record AssumeRoleRecord(
    string RequestId,
    string CallerAccessKeyId,
    string RoleArn,
    string RoleSessionName,
    string? Policy,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<string> TransitiveTagKeys,
    string? SourceIdentity,
    int DurationSeconds,
    string IssuedAccessKeyId,
    DateTimeOffset Expiration);
