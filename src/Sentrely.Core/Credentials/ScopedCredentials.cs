namespace Sentrely.Credentials;

/// <summary>
/// Gets a handle on credentials vended for one scope. The secret material lives only in the
/// AWS-specific subclass, in memory, and is never serialised, logged or audited.
/// </summary>
public abstract class ScopedCredentials
{
    /// <summary>Gets the assumed role.</summary>
    public required string RoleArn { get; init; }

    /// <summary>Gets the RoleSessionName the credentials were issued under.</summary>
    public required string RoleSessionName { get; init; }

    /// <summary>Gets the SourceIdentity the credentials carry.</summary>
    public required string SourceIdentity { get; init; }

    /// <summary>Gets when the credentials expire.</summary>
    public required DateTimeOffset Expiration { get; init; }

    /// <summary>Gets the AWS request id of the AssumeRole call that issued them.</summary>
    public string? AssumeRoleRequestId { get; init; }

    /// <inheritdoc />
    public sealed override string ToString() => $"credentials for {RoleSessionName} until {Expiration:O}";
}
