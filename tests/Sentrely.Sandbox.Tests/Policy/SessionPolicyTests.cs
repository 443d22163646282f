using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.Tests.Policy;

public sealed class SessionPolicyTests
{
    private static SessionPolicy Parse(string json) => SessionPolicyParser.TryParse(json, out var error) ?? throw new InvalidOperationException(error);

    [Theory]
    [InlineData("S3:GETOBJECT", "arn:aws:s3:::b/k", true)]
    [InlineData("s3:GetObject", "arn:aws:s3:::b/k2", false)]
    [InlineData("s3:GetObjectAcl", "arn:aws:s3:::b/k", false)]
    [InlineData("s3:GetObject", "arn:aws:s3:::b/denied/k", false)]
    public void Evaluate_AllowWithExplicitDeny_DenyWinsAndMatchingIsExact(string action, string resource, bool allowed)
    {
        // Arrange
        var policy = Parse("""
            {"Statement":[{"Effect":"Allow","Action":"s3:Get?bject","Resource":["arn:aws:s3:::b/k","arn:aws:s3:::b/denied/*"]},
                          {"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/denied/*"}]}
            """);

        // Act
        var reason = policy.Evaluate(new AccessCheck(action, resource));

        // Assert
        Assert.Equal(allowed, reason is null);
    }

    [Theory]
    [InlineData("StringEquals", "t3.micro", true)]
    [InlineData("StringEquals", null, false)]
    [InlineData("StringLike", null, false)]
    [InlineData("StringNotEquals", "m5.large", true)]
    [InlineData("StringNotEquals", "t3.micro", false)]
    [InlineData("StringNotEquals", null, true)]
    public void Evaluate_Conditions_MissingKeyFailsPositiveOperators(string op, string? value, bool allowed)
    {
        // Arrange
        var policy = Parse("""
            {"Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"OP":{"ec2:instancetype":["t3.micro","t3.nano"]}}}]}
            """.Replace("OP", op, StringComparison.Ordinal));
        var context = value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ec2:InstanceType"] = value };

        // Act
        var reason = policy.Evaluate(new AccessCheck("ec2:RunInstances", "arn:x", context));

        // Assert
        Assert.Equal(allowed, reason is null);
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"1.2.3.4"}}}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*"}]}""")]
    [InlineData("""[]""")]
    public void TryParse_UnsupportedOrInvalid_ReturnsNull(string json)
    {
        // Act
        var policy = SessionPolicyParser.TryParse(json, out var error);

        // Assert
        Assert.Null(policy);
        Assert.NotEmpty(error);
    }
}
