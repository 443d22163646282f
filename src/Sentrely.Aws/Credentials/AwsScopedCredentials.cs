using Amazon.Runtime;
using Sentrely.Credentials;

namespace Sentrely.Aws.Credentials;

/// <summary>
/// Gets STS credentials scoped to one call. The key material is reachable only inside this assembly
/// (and its tests); <see cref="ScopedCredentials.ToString"/> never shows it.
/// </summary>
public sealed class AwsScopedCredentials : ScopedCredentials
{
    internal AwsScopedCredentials(ImmutableCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Credentials = credentials;
    }

    /// <summary>Gets the access key id, secret key and session token.</summary>
    internal ImmutableCredentials Credentials { get; }

    /// <summary>Returns the credentials in the form the AWS SDK clients and the SigV4 signer take.</summary>
    internal AWSCredentials ToAwsCredentials() =>
        new SessionAWSCredentials(Credentials.AccessKey, Credentials.SecretKey, Credentials.Token);
}
