namespace Sentrely.Arguments.Tests;

public sealed class LambdaRulesTests
{
    [Theory]
    [InlineData("f")]
    [InlineData("webhooks-handler")]
    [InlineData("My_Function-2")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234")]
    public void CheckFunctionName_ValidName_ReturnsNull(string value)
    {
        Assert.Null(AwsArgumentRules.CheckFunctionName("functionName", value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij12345")]
    [InlineData("webhooks-*")]
    [InlineData("fn?")]
    [InlineData("$LATEST")]
    [InlineData("${aws:username}")]
    [InlineData("fn:1")]
    [InlineData("fn/../other")]
    [InlineData("fn.name")]
    [InlineData("fn name")]
    [InlineData("fn\n")]
    [InlineData("fn\0")]
    [InlineData("fünction")]
    public void CheckFunctionName_InvalidName_RefusesNamingArgument(string value)
    {
        // Act
        var error = AwsArgumentRules.CheckFunctionName("functionName", value);

        // Assert
        Assert.Contains("1–64", Refusal.AssertNames(error, "functionName"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFunctionName_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckFunctionName("functionName", v), "functionName", 'f');
    }

    [Theory]
    [InlineData("$LATEST")]
    [InlineData("1")]
    [InlineData("42")]
    [InlineData("1234567890")]
    [InlineData("live")]
    [InlineData("prod-2024_blue")]
    [InlineData("v1")]
    [InlineData("1a")]
    public void CheckQualifier_ValidQualifier_ReturnsNull(string value)
    {
        Assert.Null(AwsArgumentRules.CheckQualifier("qualifier", value));
    }

    [Theory]
    [InlineData("", "alias name")]
    [InlineData("$latest", "\"$LATEST\"")]
    [InlineData("$LATEST ", "\"$LATEST\"")]
    [InlineData("$LATEST\n", "\"$LATEST\"")]
    [InlineData("$LATEST*", "\"$LATEST\"")]
    [InlineData("$", "\"$LATEST\"")]
    [InlineData("${aws:username}", "\"$LATEST\"")]
    [InlineData("12345678901", "at most 10 digits")]
    [InlineData("live*", "alias name")]
    [InlineData("li?e", "alias name")]
    [InlineData("live:1", "alias name")]
    [InlineData("live/x", "alias name")]
    [InlineData("live.x", "alias name")]
    [InlineData("١٢", "alias name")]
    [InlineData("live\0", "alias name")]
    public void CheckQualifier_InvalidQualifier_RefusesNamingArgument(string value, string explanation)
    {
        // Act
        var error = AwsArgumentRules.CheckQualifier("qualifier", value);

        // Assert
        Assert.Contains(explanation, Refusal.AssertNames(error, "qualifier"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckQualifier_AliasOf129Characters_Refuses()
    {
        Refusal.AssertNames(AwsArgumentRules.CheckQualifier("qualifier", new string('a', 129)), "qualifier");
        Assert.Null(AwsArgumentRules.CheckQualifier("qualifier", new string('a', 128)));
    }

    [Fact]
    public void CheckQualifier_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckQualifier("qualifier", v), "qualifier", '1');
    }
}
