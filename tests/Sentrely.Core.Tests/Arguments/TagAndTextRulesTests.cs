namespace Sentrely.Arguments.Tests;

public sealed class TagAndTextRulesTests
{
    [Theory]
    [InlineData("Name", "web server 1")]
    [InlineData("team", "")]
    [InlineData("cost-center", "cc_1.2:3/4=5+6-7@x")]
    [InlineData("Ünïcode", "日本語 テスト")]
    [InlineData("awsome", "value")]
    [InlineData("app:aws:x", "value")]
    public void CheckTag_ValidTag_ReturnsNull(string key, string value)
    {
        Assert.Null(AwsArgumentRules.CheckTag("tags", key, value));
    }

    [Theory]
    [InlineData("", "v", "1–128")]
    [InlineData("aws:cloudformation:stack-name", "v", "aws:")]
    [InlineData("AWS:x", "v", "aws:")]
    [InlineData("Name*", "v", "* ? or $")]
    [InlineData("Na?e", "v", "* ? or $")]
    [InlineData("${aws:username}", "v", "* ? or $")]
    [InlineData("Name", "web-*", "* ? or $")]
    [InlineData("Name", "${aws:PrincipalTag/team}", "* ? or $")]
    [InlineData("Name", "a?b", "* ? or $")]
    [InlineData("Name\n", "v", "may contain only")]
    [InlineData("Name", "v\0", "may contain only")]
    [InlineData("Name", "v\t", "may contain only")]
    [InlineData("Name", "semi;colon", "may contain only")]
    [InlineData("Name", "back\\slash", "may contain only")]
    [InlineData("Na\"me", "v", "may contain only")]
    public void CheckTag_InvalidTag_RefusesNamingArgument(string key, string value, string explanation)
    {
        Assert.Contains(explanation, Refusal.AssertNames(AwsArgumentRules.CheckTag("tags", key, value), "tags"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckTag_LengthLimits_AcceptsAtLimitRefusesAbove()
    {
        Assert.Null(AwsArgumentRules.CheckTag("tags", new string('k', 128), new string('v', 256)));
        Refusal.AssertNames(AwsArgumentRules.CheckTag("tags", new string('k', 129), "v"), "tags");
        Refusal.AssertNames(AwsArgumentRules.CheckTag("tags", "k", new string('v', 257)), "tags");
    }

    [Fact]
    public void CheckTag_OneMegabyteKeyOrValue_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckTag("tags", v, "v"), "tags", 'k');
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckTag("tags", "k", v), "tags", 'v');
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("line one\nline two\r\n\tindented")]
    [InlineData("emoji 😀 and ünïcode")]
    public void CheckText_ValidText_ReturnsNull(string value)
    {
        Assert.Null(AwsArgumentRules.CheckText("text", value, 100));
    }

    [Theory]
    [InlineData("nul\0", "control characters")]
    [InlineData("bell\u0007", "control characters")]
    [InlineData("esc\u001B[31m", "control characters")]
    [InlineData("del\u007F", "control characters")]
    [InlineData("c1\u0080", "control characters")]
    [InlineData("12345678901", "at most 10")]
    public void CheckText_InvalidText_RefusesNamingArgument(string value, string explanation)
    {
        Assert.Contains(explanation, Refusal.AssertNames(AwsArgumentRules.CheckText("text", value, 10), "text"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckText_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckText("text", v, 4096), "text", 't');
    }
}
