namespace Sentrely.Arguments.Tests;

/// <summary>An <c>imageUri</c> names the configured account's ECR registry (partition-aware) and pins the image by digest.</summary>
public sealed class ImageUriRulesTests
{
    private const string Digest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static ArgumentContext Context(string partition = "aws", string region = "us-east-1") =>
        new(partition, region, "111122223333", new TempFileTree.Roots([]));

    [Theory]
    [InlineData("aws", "us-east-1", "111122223333.dkr.ecr.us-east-1.amazonaws.com/app" + Digest)]
    [InlineData("aws", "us-east-1", "111122223333.dkr.ecr.us-east-1.amazonaws.com/team/app" + Digest)]
    [InlineData("aws-cn", "cn-north-1", "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app" + Digest)]
    [InlineData("aws-us-gov", "us-gov-west-1", "111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/app" + Digest)]
    public void CheckImageUri_ConfiguredRegistryWithDigest_ReturnsNull(string partition, string region, string value)
    {
        Assert.Null(AwsArgumentRules.CheckImageUri("imageUri", value, Context(partition, region)));
    }

    [Theory]
    [InlineData("999999999999.dkr.ecr.us-east-1.amazonaws.com/app" + Digest, "registry")]
    [InlineData("111122223333.dkr.ecr.eu-west-1.amazonaws.com/app" + Digest, "registry")]
    [InlineData("111122223333.dkr.ecr.us-east-1.amazonaws.com.cn/app" + Digest, "registry")]
    [InlineData("111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2", "digest")]
    [InlineData("111122223333.dkr.ecr.us-east-1.amazonaws.com/app:latest", "digest")]
    [InlineData("evil.example.com/app" + Digest, "ECR image URI")]
    public void CheckImageUri_OtherRegistryOrTag_RefusesSayingWhy(string value, string expected)
    {
        // Act
        var error = AwsArgumentRules.CheckImageUri("imageUri", value, Context());

        // Assert
        Assert.Contains(expected, Refusal.AssertNames(error, "imageUri"), StringComparison.Ordinal);
    }
}
