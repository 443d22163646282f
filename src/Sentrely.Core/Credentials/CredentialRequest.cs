namespace Sentrely.Credentials;

/// <summary>Gets one STS AssumeRole request, scoped to exactly one call.</summary>
/// <param name="RoleArn">The role to assume.</param>
/// <param name="SessionPolicy">The minified session policy JSON (at most 2,048 characters).</param>
/// <param name="Tags">The session tags, in a fixed order.</param>
/// <param name="SourceIdentity">The SourceIdentity (the developer, sanitised).</param>
/// <param name="RoleSessionName">The RoleSessionName naming the session and the call.</param>
/// <param name="DurationSeconds">The credentials' lifetime.</param>
public sealed record CredentialRequest(
    string RoleArn,
    string SessionPolicy,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    string SourceIdentity,
    string RoleSessionName,
    int DurationSeconds);
