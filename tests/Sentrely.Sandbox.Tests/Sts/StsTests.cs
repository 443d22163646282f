using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Sentrely.Sandbox.Tests.Sts;

public sealed class StsTests
{
    [Fact]
    public async Task AssumeRole_WithPolicyTagsAndSourceIdentity_RecordsThemAndIssuesDistinctCredentials()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        using var sts = Clients.Sts(aws);
        const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}]}""";
        AssumeRoleRequest Request(string session) => new()
        {
            RoleArn = Clients.RoleArn,
            RoleSessionName = session,
            Policy = Policy,
            DurationSeconds = 900,
            SourceIdentity = "alice@example.com",
            Tags = [new Tag { Key = "agent-session", Value = "s-1" }, new Tag { Key = "tool", Value = "s3.get" }],
            TransitiveTagKeys = ["agent-session"],
        };

        // Act
        var first = await sts.AssumeRoleAsync(Request("call-1"));
        var second = await sts.AssumeRoleAsync(Request("call-2"));

        // Assert
        Assert.NotEqual(first.Credentials.AccessKeyId, second.Credentials.AccessKeyId);
        Assert.NotEqual(first.Credentials.SecretAccessKey, second.Credentials.SecretAccessKey);
        Assert.NotEqual(first.Credentials.SessionToken, second.Credentials.SessionToken);
        Assert.StartsWith("ASIA", first.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/sentrely-tools/call-1", first.AssumedRoleUser.Arn);
        Assert.Equal("alice@example.com", first.SourceIdentity);
        var record = aws.AssumeRoles[0];
        Assert.Equal(Policy, record.Policy);
        Assert.Equal(aws.BaseAccessKeyId, record.CallerAccessKeyId);
        Assert.Equal("call-1", record.RoleSessionName);
        Assert.Equal("alice@example.com", record.SourceIdentity);
        Assert.Equal(900, record.DurationSeconds);
        Assert.Equal(first.Credentials.AccessKeyId, record.IssuedAccessKeyId);
        Assert.Equal([new("agent-session", "s-1"), new("tool", "s3.get")], record.Tags);
        Assert.Equal(["agent-session"], record.TransitiveTagKeys);
        Assert.Equal(2, aws.AssumeRoles.Count);
        Assert.All(aws.Requests, r => Assert.True(r.SignatureValid && r.Authorized && r.StatusCode == 200));
    }

    [Fact]
    public async Task AssumeRole_WrongSecret_RefusedWithSignatureDoesNotMatch()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        using var sts = Clients.Sts(aws, new BasicAWSCredentials(aws.BaseAccessKeyId, aws.BaseSecretAccessKey + "x"));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(
            () => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Clients.RoleArn, RoleSessionName = "call-x" }));

        // Assert
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.Empty(aws.AssumeRoles);
        var record = Assert.Single(aws.Requests);
        Assert.False(record.SignatureValid);
        Assert.Equal(403, record.StatusCode);
    }

    [Fact]
    public async Task AssumeRole_UnknownAccessKey_RefusedWithInvalidClientTokenId()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        using var sts = Clients.Sts(aws, new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", aws.BaseSecretAccessKey));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        // Assert
        Assert.Equal("InvalidClientTokenId", ex.ErrorCode);
    }

    [Theory]
    [InlineData("{not json", "MalformedPolicyDocument")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*"}]}""", "MalformedPolicyDocument")]
    public async Task AssumeRole_BadPolicy_Refused(string policy, string expectedCode)
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        using var sts = Clients.Sts(aws);

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = Clients.RoleArn, RoleSessionName = "call-x", Policy = policy }));

        // Assert
        Assert.Equal(expectedCode, ex.ErrorCode);
    }

    [Fact]
    public async Task AssumeRole_PolicyOver2048Chars_RefusedWithValidationError()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        using var sts = Clients.Sts(aws);
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/""" + new string('k', 2048) + "\"}]}";

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = Clients.RoleArn, RoleSessionName = "call-x", Policy = policy }));

        // Assert
        Assert.Equal("ValidationError", ex.ErrorCode);
    }

    [Fact]
    public async Task AssumeRole_RoleNotAssumable_AccessDenied()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync(new AwsTestDoubleOptions { AssumableRoles = [Clients.RoleArn] });
        using var sts = Clients.Sts(aws);

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/admin", RoleSessionName = "call-x" }));

        // Assert
        Assert.Equal("AccessDenied", ex.ErrorCode);
        Assert.False(Assert.Single(aws.Requests).Authorized);
    }

    [Fact]
    public async Task AssumeRole_WithSessionCredentials_ChainingRefused()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        var session = await Clients.AssumeAsync(aws);
        using var sts = Clients.Sts(aws, session);

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = Clients.RoleArn, RoleSessionName = "call-y" }));
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        // Assert
        Assert.Equal("AccessDenied", ex.ErrorCode);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/sentrely-tools/call-test", identity.Arn);
        Assert.Equal("111122223333", identity.Account);
        Assert.Equal(session.AccessKeyId, aws.Requests[^1].AccessKeyId);
        Assert.NotNull(aws.Requests[^1].SignedBy);
    }
}
