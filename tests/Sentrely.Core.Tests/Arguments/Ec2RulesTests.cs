namespace Sentrely.Arguments.Tests;

public sealed class Ec2RulesTests
{
    public static TheoryData<string, Func<string, string, string?>, string> IdChecks() => new()
    {
        { "i-", AwsArgumentRules.CheckInstanceId, "instanceIds" },
        { "ami-", AwsArgumentRules.CheckImageId, "imageId" },
        { "subnet-", AwsArgumentRules.CheckSubnetId, "subnetId" },
        { "sg-", AwsArgumentRules.CheckSecurityGroupId, "securityGroupIds" },
    };

    [Theory]
    [MemberData(nameof(IdChecks))]
    public void CheckId_EightOrSeventeenLowercaseHex_ReturnsNull(string prefix, Func<string, string, string?> check, string argument)
    {
        Assert.Null(check(argument, prefix + "0123abcd"));
        Assert.Null(check(argument, prefix + "0123456789abcdef0"));
    }

    [Theory]
    [MemberData(nameof(IdChecks))]
    public void CheckId_MalformedId_RefusesNamingArgument(string prefix, Func<string, string, string?> check, string argument)
    {
        string[] invalid =
        [
            "", prefix, prefix + "0123abc", prefix + "0123abcde", prefix + "0123456789abcdef", prefix + "0123456789abcdef01",
            prefix + "0123ABCD", prefix + "0123abcg", prefix + "*", prefix + "0123abc*", prefix + "0123abc?", prefix + "${aws:username}",
            prefix + "0123abcd\n", prefix + "0123abcd ", " " + prefix + "0123abcd", prefix + "0123abcd/..", prefix.ToUpperInvariant() + "0123abcd",
            prefix + "0123abcd\0", prefix + "٠١٢٣abcd", "x-0123abcd",
        ];

        foreach (var value in invalid)
        {
            // Act
            var error = check(argument, value);

            // Assert
            Assert.Contains(prefix, Refusal.AssertNames(error, argument), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(IdChecks))]
    public void CheckId_OneMegabyte_RefusesFastWithoutEchoingIt(string prefix, Func<string, string, string?> check, string argument)
    {
        Refusal.AssertRefusesHugeValue(v => check(argument, prefix + v), argument, 'a');
    }

    [Theory]
    [InlineData("t3.micro")]
    [InlineData("m7i-flex.large")]
    [InlineData("u-6tb1.metal")]
    [InlineData("c6in.32xlarge")]
    [InlineData("mac2-m2pro.metal")]
    [InlineData("p5.48xlarge")]
    public void CheckInstanceType_ValidType_ReturnsNull(string value)
    {
        Assert.Null(AwsArgumentRules.CheckInstanceType("instanceType", value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("t3")]
    [InlineData("t3.")]
    [InlineData(".micro")]
    [InlineData("t3.*")]
    [InlineData("t3.micr?")]
    [InlineData("*.micro")]
    [InlineData("T3.micro")]
    [InlineData("t3.Micro")]
    [InlineData("3t.micro")]
    [InlineData("t3.micro.x")]
    [InlineData("t3.micro\n")]
    [InlineData("t3.mi-cro")]
    [InlineData("${aws:username}.micro")]
    [InlineData("abcdefghijabcdefghijabcdefg.large")]
    public void CheckInstanceType_InvalidType_RefusesNamingArgument(string value)
    {
        Refusal.AssertNames(AwsArgumentRules.CheckInstanceType("instanceType", value), "instanceType");
    }

    [Fact]
    public void CheckInstanceType_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckInstanceType("instanceType", "t3." + v), "instanceType", 'm');
    }

    [Theory]
    [InlineData("k")]
    [InlineData("my-key")]
    [InlineData("jordan's key (laptop) #2")]
    [InlineData("deploy.key@ci+1=a,b:c")]
    public void CheckKeyName_ValidName_ReturnsNull(string value)
    {
        Assert.Null(AwsArgumentRules.CheckKeyName("keyName", value));
    }

    [Theory]
    [InlineData("", "1–255")]
    [InlineData("key*", "* ? $ / or \\")]
    [InlineData("key?", "* ? $ / or \\")]
    [InlineData("${aws:username}", "* ? $ / or \\")]
    [InlineData("keys/../x", "* ? $ / or \\")]
    [InlineData("key\\x", "* ? $ / or \\")]
    [InlineData("key\0", "control characters")]
    [InlineData("key\t", "control characters")]
    [InlineData("key\u007F", "control characters")]
    [InlineData("kéy", "printable ASCII")]
    [InlineData(" key", "space")]
    [InlineData("key ", "space")]
    public void CheckKeyName_InvalidName_RefusesNamingArgument(string value, string explanation)
    {
        Assert.Contains(explanation, Refusal.AssertNames(AwsArgumentRules.CheckKeyName("keyName", value), "keyName"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckKeyName_Length255And256_AcceptsThenRefuses()
    {
        Assert.Null(AwsArgumentRules.CheckKeyName("keyName", new string('k', 255)));
        Refusal.AssertNames(AwsArgumentRules.CheckKeyName("keyName", new string('k', 256)), "keyName");
    }

    [Fact]
    public void CheckKeyName_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckKeyName("keyName", v), "keyName", 'k');
    }
}
