namespace Sentrely.Arguments.Tests;

public sealed class BucketNameRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("my-app-deployments")]
    [InlineData("my.app.deployments")]
    [InlineData("a1-b2.c3")]
    [InlineData("123")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("mybucket-111122223333-us-east-1-an")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123")]
    public void CheckBucketName_ValidName_ReturnsNull(string value)
    {
        // Act
        var error = AwsArgumentRules.CheckBucketName("bucket", value);

        // Assert
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "3–63")]
    [InlineData("ab", "3–63")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234", "3–63")]
    [InlineData("My-Bucket", "a-z 0-9")]
    [InlineData("my_bucket", "a-z 0-9")]
    [InlineData("-bucket", "starting and ending")]
    [InlineData("bucket-", "starting and ending")]
    [InlineData(".bucket", "starting and ending")]
    [InlineData("bucket.", "starting and ending")]
    [InlineData("my..bucket", "two adjacent periods")]
    [InlineData("192.168.5.4", "IP address")]
    [InlineData("10.0.0.1", "IP address")]
    [InlineData("xn--bucket", "xn--")]
    [InlineData("sthree-bucket", "sthree-")]
    [InlineData("sthree-configurator-x", "sthree-")]
    [InlineData("amzn-s3-demo-bucket", "amzn-s3-demo-")]
    [InlineData("bucket-s3alias", "-s3alias")]
    [InlineData("bucket--ol-s3", "--ol-s3")]
    [InlineData("bucket.mrap", ".mrap")]
    [InlineData("bucket--x-s3", "--x-s3")]
    [InlineData("bucket--table-s3", "--table-s3")]
    [InlineData("bucket/key", "'/'")]
    [InlineData("bucket/../other", "'/'")]
    [InlineData("/bucket", "'/'")]
    [InlineData("bucket*", "a-z 0-9")]
    [InlineData("buck?t", "a-z 0-9")]
    [InlineData("bucket$", "a-z 0-9")]
    [InlineData("${aws:username}", "a-z 0-9")]
    [InlineData("bucket\n", "a-z 0-9")]
    [InlineData("buc\0ket", "a-z 0-9")]
    [InlineData("bucket ", "a-z 0-9")]
    [InlineData("b\u00FCcket", "a-z 0-9")]
    [InlineData("bucket:x", "a-z 0-9")]
    [InlineData("\uFF41bc", "a-z 0-9")]
    [InlineData("١٢٣", "a-z 0-9")]
    public void CheckBucketName_InvalidName_RefusesNamingArgument(string value, string explanation)
    {
        // Act
        var error = AwsArgumentRules.CheckBucketName("bucket", value);

        // Assert
        Assert.Contains(explanation, Refusal.AssertNames(error, "bucket"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckBucketName_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckBucketName("bucket", v), "bucket", 'a');
    }

    [Fact]
    public void CheckBucketName_ControlCharacter_MessageEscapesIt()
    {
        // Act
        var error = AwsArgumentRules.CheckBucketName("bucket", "bad\u0007\nname");

        // Assert
        var message = Refusal.AssertNames(error, "bucket");
        Assert.Contains("\\u0007\\u000A", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', message);
        Assert.DoesNotContain('\n', message);
    }
}
