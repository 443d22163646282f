using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Sentrely.Aws.Credentials;

/// <summary>Checks for <c>sentrely doctor</c>: who the base credentials are, and whether each role can be assumed as Sentrely assumes it.</summary>
public sealed class RoleProbe : IDisposable
{
    /// <summary>The session policy of a probe: nothing the probe's credentials could do.</summary>
    public const string DenyAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""";

    private readonly IAmazonSecurityTokenService _sts;

    /// <summary>Initializes a new instance of the <see cref="RoleProbe"/> class.</summary>
    /// <param name="clients">Creates the STS client.</param>
    /// <param name="baseCredentials">The broker's base credentials.</param>
    public RoleProbe(AwsClientFactory clients, AWSCredentials baseCredentials)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _sts = clients.CreateSts(baseCredentials);
    }

    /// <summary>Returns the account of the base credentials (STS GetCallerIdentity).</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<string> CallerAccountAsync(CancellationToken cancellationToken) =>
        (await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false)).Account;

    /// <summary>Assumes <paramref name="roleArn"/> with the five session tags, a SourceIdentity and a deny-all session policy; returns null on success, else AWS's error code and message.</summary>
    /// <param name="roleArn">The role.</param>
    /// <param name="developer">The SourceIdentity and developer tag.</param>
    /// <param name="project">The project tag.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<string?> TryAssumeAsync(string roleArn, string developer, string project, CancellationToken cancellationToken)
    {
        try
        {
            await _sts.AssumeRoleAsync(
                new AssumeRoleRequest
                {
                    RoleArn = roleArn,
                    RoleSessionName = "sentrely-doctor",
                    SourceIdentity = developer,
                    DurationSeconds = 900,
                    Policy = DenyAll,
                    Tags =
                    [
                        new Tag { Key = "agent-session", Value = "doctor" },
                        new Tag { Key = "developer", Value = developer },
                        new Tag { Key = "project", Value = project },
                        new Tag { Key = "tool", Value = "doctor" },
                        new Tag { Key = "actor", Value = "operator" },
                    ],
                },
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (AmazonServiceException ex)
        {
            return $"{ex.ErrorCode}: {ex.Message}";
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sts.Dispose();
}
