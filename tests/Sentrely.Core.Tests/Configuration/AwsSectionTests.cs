using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public class AwsSectionTests
{
    private const string Roles = "  roles:\n    read: arn:aws:iam::012345678901:role/sentrely-read\n    deploy: arn:aws:iam::012345678901:role/team/sentrely-deploy\n";

    [Fact]
    public void Parse_FullAwsSection_ReadsEveryValue()
    {
        // Arrange
        var yaml = "aws:\n  region: eu-west-1\n  partition: aws\n  accountId: \"012345678901\"\n  profile: broker\n" + Roles
            + "  credentials:\n    durationSeconds: 3600\n    reuse: per-call\n  endpoints:\n    sts: http://127.0.0.1:4566\n    s3: https://s3.local:9000/\n";

        // Act
        var aws = ConfigAssert.Valid(yaml).Aws;

        // Assert
        Assert.Equal(("eu-west-1", "aws", "012345678901", "broker"), (aws.Region, aws.Partition, aws.AccountId, aws.Profile));
        Assert.Equal("arn:aws:iam::012345678901:role/team/sentrely-deploy", aws.Roles["deploy"]);
        Assert.Equal((3600, CredentialReuse.PerCall), (aws.Credentials.DurationSeconds, aws.Credentials.Reuse));
        Assert.Equal(new Uri("http://127.0.0.1:4566"), aws.Endpoints["sts"]);
        Assert.Equal(2, aws.Endpoints.Count);
    }

    [Fact]
    public void Parse_UnquotedAccountIdWithLeadingZero_KeepsScalarText()
    {
        // Act
        var aws = ConfigAssert.Valid("aws:\n  accountId: 012345678901\n").Aws;

        // Assert
        Assert.Equal("012345678901", aws.AccountId);
    }

    [Theory]
    [InlineData("\"12345\"")]
    [InlineData("1.2e11")]
    [InlineData("\"11112222333a\"")]
    [InlineData("\"١١١١٢٢٢٢٣٣٣٣\"")]
    public void Parse_BadAccountId_Error(string value)
    {
        // Act
        var error = ConfigAssert.Single($"aws:\n  accountId: {value}\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidAccountId, "aws.accountId", 2), (error.Code, error.Field, error.Line));
    }

    [Theory]
    [InlineData("us-east", ConfigErrorCodes.InvalidRegion)]
    [InlineData("US-EAST-1", ConfigErrorCodes.InvalidRegion)]
    [InlineData("cn-north-1", ConfigErrorCodes.InvalidRegion)]
    public void Parse_BadRegion_Error(string region, string code)
    {
        // Act
        var error = ConfigAssert.Single($"aws:\n  region: {region}\n");

        // Assert
        Assert.Equal((code, "aws.region"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_GovRegionInGovPartition_Valid()
    {
        // Act
        var aws = ConfigAssert.Valid("aws:\n  region: us-gov-west-1\n  partition: aws-us-gov\n").Aws;

        // Assert
        Assert.Equal(("us-gov-west-1", "aws-us-gov"), (aws.Region, aws.Partition));
    }

    [Fact]
    public void Parse_BadPartition_ErrorWithSuggestion()
    {
        // Act
        var error = ConfigAssert.Single("aws:\n  partition: aws-gov\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidPartition, error.Code);
    }

    [Theory]
    [InlineData("arn:aws:iam::999999999999:role/x", "account")]
    [InlineData("arn:aws-cn:iam::012345678901:role/x", "partition")]
    [InlineData("arn:aws:iam::012345678901:user/x", "not a role ARN")]
    [InlineData("arn:aws:iam::012345678901:role/*", "not a role ARN")]
    public void Parse_RoleArnNotMatchingConfig_Error(string arn, string expected)
    {
        // Act
        var error = ConfigAssert.Single($"aws:\n  accountId: \"012345678901\"\n  roles:\n    read: {arn}\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidRoleArn, "aws.roles.read", 4), (error.Code, error.Field, error.Line));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RolesWithoutAccountId_Error()
    {
        // Act
        var error = ConfigAssert.Single("aws:\n  roles:\n    read: arn:aws:iam::012345678901:role/x\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidAccountId, error.Code);
    }

    [Theory]
    [InlineData("899")]
    [InlineData("43201")]
    [InlineData("15m")]
    public void Parse_DurationOutOfRange_Error(string value)
    {
        // Act
        var error = ConfigAssert.Single($"aws:\n  credentials:\n    durationSeconds: {value}\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidDuration, "aws.credentials.durationSeconds"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_BadReuse_Error()
    {
        // Act
        var error = ConfigAssert.Single("aws:\n  credentials:\n    reuse: always\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidValue, "aws.credentials.reuse"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("dynamodb: http://127.0.0.1:4566", ConfigErrorCodes.UnknownKey)]
    [InlineData("sts: 127.0.0.1:4566", ConfigErrorCodes.InvalidEndpoint)]
    [InlineData("sts: ftp://127.0.0.1/", ConfigErrorCodes.InvalidEndpoint)]
    [InlineData("sts: http://user:secret@127.0.0.1/", ConfigErrorCodes.InvalidEndpoint)]
    [InlineData("fromEnvironment: yes-please", ConfigErrorCodes.InvalidValue)]
    public void Parse_BadEndpoint_Error(string entry, string code)
    {
        // Act
        var error = ConfigAssert.Single($"aws:\n  endpoints:\n    {entry}\n");

        // Assert
        Assert.Equal(code, error.Code);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws:\n  region: us-east-1\n", false)]
    [InlineData("aws:\n  endpoints:\n    sts: http://127.0.0.1:4566\n", false)]
    [InlineData("aws:\n  endpoints:\n    fromEnvironment: false\n", false)]
    [InlineData("aws:\n  endpoints:\n    fromEnvironment: true\n    sts: http://127.0.0.1:4566\n", true)]
    public void Parse_EndpointsFromEnvironment_OffUnlessTrue(string yaml, bool expected)
    {
        // Act
        var aws = ConfigAssert.Valid(yaml).Aws;

        // Assert
        Assert.Equal(expected, aws.EndpointsFromEnvironment);
        Assert.DoesNotContain("fromEnvironment", aws.Endpoints.Keys);
    }
}
