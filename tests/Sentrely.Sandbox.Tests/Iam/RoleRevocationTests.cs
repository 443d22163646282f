using Amazon.S3;

namespace Sentrely.Sandbox.Tests.Iam;

public sealed class RoleRevocationTests
{
    private const string RoleName = "sentrely-tools";

    [Fact]
    public async Task PutRolePolicy_RevokeOlderSessions_OldCredentialsRefusedNewOnesWork()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.PutObject("bucket-1", "k", "data"u8);
        var old = await Clients.AssumeAsync(aws);
        using (var before = Clients.S3(aws, old))
        {
            Assert.NotNull(await before.GetObjectAsync("bucket-1", "k"));
        }

        await Task.Delay(50);

        // Act
        var (status, body) = await IamHttp.PutRolePolicyAsync(aws, Clients.Base(aws), RoleName, IamHttp.RevokeBefore(DateTimeOffset.UtcNow));
        await Task.Delay(50);
        var fresh = await Clients.AssumeAsync(aws);

        // Assert
        Assert.Equal(200, status);
        Assert.Contains("PutRolePolicyResponse", body, StringComparison.Ordinal);
        using var oldS3 = Clients.S3(aws, old);
        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => oldS3.GetObjectAsync("bucket-1", "k"));
        Assert.Equal("AccessDenied", refused.ErrorCode);
        using var freshS3 = Clients.S3(aws, fresh);
        using var ok = await freshS3.GetObjectAsync("bucket-1", "k");
        Assert.Equal(System.Net.HttpStatusCode.OK, ok.HttpStatusCode);
        Assert.Contains("explicit deny in the role's inline policy AWSRevokeOlderSessions",
            aws.Requests.Last(r => r.AccessKeyId == old.AccessKeyId).DenyReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutRolePolicy_SignedBySessionCredentials_AccessDenied()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        var session = await Clients.AssumeAsync(aws);

        // Act
        var (status, body) = await IamHttp.PutRolePolicyAsync(aws, session, RoleName, IamHttp.RevokeBefore(DateTimeOffset.UtcNow));

        // Assert
        Assert.Equal(403, status);
        Assert.Contains("<Code>AccessDenied</Code>", body, StringComparison.Ordinal);
        Assert.Null(aws.State.GetRolePolicy(RoleName, IamHttp.RevokePolicyName));
    }

    [Theory]
    [InlineData("not json", "MalformedPolicyDocument")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"1.2.3.4"}}}]}""", "MalformedPolicyDocument")]
    public async Task PutRolePolicy_UnsupportedDocument_RefusedAndNotStored(string document, string code)
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();

        // Act
        var (status, body) = await IamHttp.PutRolePolicyAsync(aws, Clients.Base(aws), RoleName, document);

        // Assert
        Assert.Equal(400, status);
        Assert.Contains($"<Code>{code}</Code>", body, StringComparison.Ordinal);
        Assert.Null(aws.State.GetRolePolicy(RoleName, IamHttp.RevokePolicyName));
    }

    [Fact]
    public async Task PutRolePolicy_RoleNotAmongAssumableRoles_NoSuchEntity()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync(new AwsTestDoubleOptions { AssumableRoles = [Clients.RoleArn] });

        // Act
        var (status, body) = await IamHttp.PutRolePolicyAsync(aws, Clients.Base(aws), "other-role", IamHttp.RevokeBefore(DateTimeOffset.UtcNow));

        // Assert
        Assert.Equal(404, status);
        Assert.Contains("<Code>NoSuchEntity</Code>", body, StringComparison.Ordinal);
    }
}
