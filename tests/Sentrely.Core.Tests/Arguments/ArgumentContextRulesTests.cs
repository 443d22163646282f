namespace Sentrely.Arguments.Tests;

public sealed class ArgumentContextRulesTests
{
    [Theory]
    [InlineData("aws")]
    [InlineData("aws-cn")]
    [InlineData("aws-us-gov")]
    public void CheckPartition_KnownPartition_ReturnsNull(string value)
    {
        Assert.Null(ArgumentContextRules.CheckPartition(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AWS")]
    [InlineData("aws ")]
    [InlineData("aws\n")]
    [InlineData("aws-iso")]
    [InlineData("*")]
    [InlineData("aws:x")]
    public void CheckPartition_OtherValue_RefusesNamingSetting(string value)
    {
        Assert.Contains("partition", ArgumentContextRules.CheckPartition(value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-central-2")]
    [InlineData("ap-southeast-4")]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-northwest-1")]
    public void CheckRegion_RegionName_ReturnsNull(string value)
    {
        Assert.Null(ArgumentContextRules.CheckRegion(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("us-east")]
    [InlineData("US-EAST-1")]
    [InlineData("us-east-1\n")]
    [InlineData("us-east-12")]
    [InlineData("us-east-*")]
    [InlineData("*")]
    [InlineData("us-east-١")]
    [InlineData("us-east-1:x")]
    public void CheckRegion_Malformed_RefusesNamingSetting(string value)
    {
        Assert.Contains("region", ArgumentContextRules.CheckRegion(value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("111122223333")]
    [InlineData("012345678901")]
    public void CheckAccountId_TwelveDigits_ReturnsNull(string value)
    {
        Assert.Null(ArgumentContextRules.CheckAccountId(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("11112222333")]
    [InlineData("1111222233334")]
    [InlineData("11112222333x")]
    [InlineData("111122223333\n")]
    [InlineData("١١١١٢٢٢٢٣٣٣٣")]
    [InlineData("*")]
    public void CheckAccountId_Malformed_RefusesNamingSetting(string value)
    {
        Assert.Contains("account id", ArgumentContextRules.CheckAccountId(value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws", "us-east-1", true)]
    [InlineData("aws-cn", "cn-north-1", true)]
    [InlineData("aws-us-gov", "us-gov-east-1", true)]
    [InlineData("aws", "cn-north-1", false)]
    [InlineData("aws", "us-gov-west-1", false)]
    [InlineData("aws-cn", "us-east-1", false)]
    [InlineData("aws-us-gov", "us-east-1", false)]
    public void CheckRegionInPartition_Pairs_AcceptsOnlyMatching(string partition, string region, bool valid)
    {
        var error = ArgumentContextRules.CheckRegionInPartition(partition, region);

        Assert.Equal(valid, error is null);
    }
}
