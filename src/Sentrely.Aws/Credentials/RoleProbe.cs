using Amazon.EC2;
using Amazon.EC2.Model;
using StsTag = Amazon.SecurityToken.Model.Tag;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Sentrely.Aws.Credentials;

/// <summary>Checks for <c>sentrely doctor</c>: who the base credentials are, and whether each role can be assumed as Sentrely assumes it.</summary>
public sealed class RoleProbe : IDisposable
{
    /// <summary>The session policy of a probe: nothing the probe's credentials could do.</summary>
    public const string DenyAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""";

    // A well-formed id that names no instance or image: a dry run is authorized before anything is looked up.
    private const string ProbeInstance = "i-00000000000000000";
    private const string ProbeImage = "ami-00000000000000000";

    private readonly IAmazonSecurityTokenService _sts;
    private readonly AwsClientFactory _clients;

    /// <summary>Initializes a new instance of the <see cref="RoleProbe"/> class.</summary>
    /// <param name="clients">Creates the STS and EC2 clients.</param>
    /// <param name="baseCredentials">The broker's base credentials.</param>
    public RoleProbe(AwsClientFactory clients, AWSCredentials baseCredentials)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
        _sts = clients.CreateSts(baseCredentials);
    }

    /// <summary>The EC2 actions a dry run can check.</summary>
    public static IReadOnlyList<string> DryRunActions { get; } = ["ec2:RunInstances", "ec2:StartInstances", "ec2:StopInstances", "ec2:TerminateInstances"];

    /// <summary>
    /// Asks EC2 whether <paramref name="roleArn"/> may perform <paramref name="action"/>: assumes the role with a session
    /// policy allowing exactly that action, then sends the request with <c>DryRun</c>. Returns true (DryRunOperation),
    /// false (UnauthorizedOperation) or null when EC2 answered something else, with the detail.
    /// </summary>
    /// <param name="roleArn">The role.</param>
    /// <param name="action">One of <see cref="DryRunActions"/>.</param>
    /// <param name="developer">The SourceIdentity and developer tag.</param>
    /// <param name="project">The project tag.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<(bool? Allowed, string Detail)> DryRunAsync(string roleArn, string action, string developer, string project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ImmutableCredentials credentials;
        try
        {
            var assumed = await _sts.AssumeRoleAsync(
                new AssumeRoleRequest
                {
                    RoleArn = roleArn,
                    RoleSessionName = "sentrely-doctor",
                    SourceIdentity = developer,
                    DurationSeconds = 900,
                    Policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*"}]}""",
                    Tags = DoctorTags(developer, project),
                },
                cancellationToken).ConfigureAwait(false);
            credentials = new ImmutableCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);
        }
        catch (AmazonServiceException ex)
        {
            return (null, $"the role could not be assumed ({ex.ErrorCode})");
        }

        using var ec2 = _clients.CreateEc2(new AwsScopedCredentials(credentials)
        {
            RoleArn = roleArn,
            RoleSessionName = "sentrely-doctor",
            SourceIdentity = developer,
            Expiration = DateTimeOffset.MaxValue,
        });
        try
        {
            await (action switch
            {
                "ec2:RunInstances" => (Task)ec2.RunInstancesAsync(new RunInstancesRequest { DryRun = true, ImageId = ProbeImage, InstanceType = "t3.micro", MinCount = 1, MaxCount = 1 }, cancellationToken),
                "ec2:StartInstances" => ec2.StartInstancesAsync(new StartInstancesRequest { DryRun = true, InstanceIds = [ProbeInstance] }, cancellationToken),
                "ec2:StopInstances" => ec2.StopInstancesAsync(new StopInstancesRequest { DryRun = true, InstanceIds = [ProbeInstance] }, cancellationToken),
                "ec2:TerminateInstances" => ec2.TerminateInstancesAsync(new TerminateInstancesRequest { DryRun = true, InstanceIds = [ProbeInstance] }, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an action a dry run can check"),
            }).ConfigureAwait(false);
            return (null, "EC2 performed no dry run");
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode == "DryRunOperation")
        {
            return (true, "DryRunOperation");
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode == "UnauthorizedOperation")
        {
            return (false, "UnauthorizedOperation");
        }
        catch (AmazonServiceException ex)
        {
            return (null, $"EC2 answered {ex.ErrorCode} before checking permissions");
        }
    }

    // All five session tags, as the roles' trust policies require (`sentrely iam plan`); actor `operator`, never `agent`.
    private static List<StsTag> DoctorTags(string developer, string project) =>
    [
        new StsTag { Key = "agent-session", Value = "doctor" },
        new StsTag { Key = "developer", Value = developer },
        new StsTag { Key = "project", Value = project },
        new StsTag { Key = "tool", Value = "doctor" },
        new StsTag { Key = "actor", Value = "operator" },
    ];

    /// <summary>Returns the ARN of the base credentials' principal (STS GetCallerIdentity).</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<string> CallerArnAsync(CancellationToken cancellationToken) =>
        (await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false)).Arn;

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
                    Tags = DoctorTags(developer, project),
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
