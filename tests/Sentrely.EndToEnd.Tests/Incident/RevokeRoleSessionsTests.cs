using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Sentrely.Audit;
using Sentrely.Stores.Sqlite;

namespace Sentrely.EndToEnd.Tests.Incident;

public sealed class RevokeRoleSessionsTests : IAsyncLifetime
{
    private readonly SandboxWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        var text = await File.ReadAllTextAsync(_world.ConfigPath);
        await File.WriteAllTextAsync(_world.ConfigPath, text.Replace(
            $"    ec2: {_world.Double.Endpoint}\n", $"    ec2: {_world.Double.Endpoint}\n    iam: {_world.Double.Endpoint}\n", StringComparison.Ordinal));
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task RevokeRoleSessions_RoleKey_OldCredentialsRefusedNewOnesWorkAndAudited()
    {
        // Arrange
        var old = await AssumeDeployAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, await GetArtifactStatusAsync(old));

        // Act
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, "revoke-role-sessions", "--role", "deploy", "--config", _world.ConfigPath);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the cutoff is rounded up to the next whole second
        var fresh = await AssumeDeployAsync();

        // Assert
        Assert.True(exit == 0, stderr);
        Assert.Contains("AWSRevokeOlderSessions", stdout, StringComparison.Ordinal);
        Assert.Contains("role-wide", stdout, StringComparison.Ordinal);
        Assert.Contains("few minutes", stdout, StringComparison.Ordinal);
        Assert.Contains("no `aws sts revoke-session`", stdout, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => GetArtifactStatusAsync(old));
        Assert.Equal("AccessDenied", refused.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, await GetArtifactStatusAsync(fresh));
        Assert.Contains("\"aws:TokenIssueTime\"", _world.Double.State.GetRolePolicy("sentrely-agent-deploy", "AWSRevokeOlderSessions"), StringComparison.Ordinal);
        var records = await ReadAuditAsync();
        Assert.Equal(["intent", "outcome"], records.Select(r => r.Phase));
        Assert.All(records, r => Assert.Equal(("sentrely:revoke-role-sessions", "operator"), (r.Tool, r.Actor)));
        Assert.Equal("ok", records[1].Outcome);
        Assert.Equal([SandboxWorld.DeployRole], records[1].Resources);
    }

    [Fact]
    public async Task RevokeRoleSessions_RoleOfAnotherAccount_ExitsTwoAndChangesNothing()
    {
        // Act
        var (exit, _, stderr) = await SentrelyProcess.RunAsync(
            _world, "revoke-role-sessions", "--role", "arn:aws:iam::999999999999:role/sentrely-agent-deploy", "--config", _world.ConfigPath);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("aws.accountId", stderr, StringComparison.Ordinal);
        Assert.Null(_world.Double.State.GetRolePolicy("sentrely-agent-deploy", "AWSRevokeOlderSessions"));
    }

    private async Task<AWSCredentials> AssumeDeployAsync()
    {
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials(_world.Double.BaseAccessKeyId, _world.Double.BaseSecretAccessKey),
            new AmazonSecurityTokenServiceConfig { ServiceURL = _world.Double.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = SandboxWorld.DeployRole, RoleSessionName = "call-revoke-test", DurationSeconds = 900 });
        return response.Credentials;
    }

    private async Task<System.Net.HttpStatusCode> GetArtifactStatusAsync(AWSCredentials credentials)
    {
        using var s3 = new AmazonS3Client(credentials, new AmazonS3Config
        {
            ServiceURL = _world.Double.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0,
        });
        using var response = await s3.GetObjectAsync(SandboxWorld.Bucket, "builds/1.0/app.zip");
        return response.HttpStatusCode;
    }

    private async Task<List<AuditRecord>> ReadAuditAsync()
    {
        await using var store = new SqliteAuditStore(_world.StorePath, TimeProvider.System);
        var records = new List<AuditRecord>();
        await foreach (var record in store.ReadAsync(new AuditQuery { Tool = "sentrely:revoke-role-sessions" }, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }
}
