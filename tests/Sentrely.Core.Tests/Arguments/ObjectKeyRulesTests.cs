namespace Sentrely.Arguments.Tests;

public sealed class ObjectKeyRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("builds/app-1.2.3.zip")]
    [InlineData("builds/2024-05-01/app.tar.gz")]
    [InlineData("builds/...hidden/x")]
    [InlineData("builds/..x/x..")]
    [InlineData(".env.example")]
    [InlineData("folder/.gitkeep")]
    [InlineData("name with spaces & (parens) +plus=eq,comma;semi@at!bang'quote")]
    [InlineData("ünïcödé/日本語/😀.txt")]
    [InlineData("percent%2Fencoded")]
    [InlineData("tab-not-allowed-but-tilde~ok")]
    public void CheckObjectKey_ValidKey_ReturnsNull(string value)
    {
        // Act
        var error = AwsArgumentRules.CheckObjectKey("key", value);

        // Assert
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("builds/*", "* ? or $")]
    [InlineData("*", "* ? or $")]
    [InlineData("builds/app?.zip", "* ? or $")]
    [InlineData("builds/$x", "* ? or $")]
    [InlineData("builds/${aws:username}/x", "* ? or $")]
    [InlineData("${aws:userid}", "* ? or $")]
    [InlineData("builds/../prod/secret", "\"..\"")]
    [InlineData("../prod", "\"..\"")]
    [InlineData("builds/..", "\"..\"")]
    [InlineData("..", "\"..\"")]
    [InlineData("builds/./app.zip", "\"..\"")]
    [InlineData("./app.zip", "\"..\"")]
    [InlineData(".", "\"..\"")]
    [InlineData("/builds/app.zip", "start with '/'")]
    [InlineData("/", "start with '/'")]
    [InlineData("builds//app.zip", "\"//\"")]
    [InlineData("builds/", "end with '/'")]
    [InlineData("builds\\app.zip", "backslash")]
    [InlineData("builds\\..\\prod", "backslash")]
    [InlineData("nul\0byte", "control characters")]
    [InlineData("line\nfeed", "control characters")]
    [InlineData("carriage\rreturn", "control characters")]
    [InlineData("tab\there", "control characters")]
    [InlineData("del\u007Fchar", "control characters")]
    [InlineData("c1\u0085char", "control characters")]
    [InlineData("c1\u009Fchar", "control characters")]
    [InlineData("rtl\u202Eoverride", "bidirectional")]
    [InlineData("isolate\u2066x", "bidirectional")]
    [InlineData("nonchar\uFFFF", "bidirectional")]
    public void CheckObjectKey_InvalidKey_RefusesNamingArgument(string value, string explanation)
    {
        // Act
        var error = AwsArgumentRules.CheckObjectKey("key", value);

        // Assert
        Assert.Contains(explanation, Refusal.AssertNames(error, "key"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckObjectKey_Exactly1024Bytes_ReturnsNull()
    {
        Assert.Null(AwsArgumentRules.CheckObjectKey("key", new string('k', 1024)));
    }

    [Theory]
    [InlineData(1025, "x")]
    [InlineData(342, "€")]
    [InlineData(257, "😀")]
    public void CheckObjectKey_Over1024Utf8Bytes_Refuses(int repeat, string unit)
    {
        // Arrange: 1025 ASCII bytes, 342 × 3-byte euro signs (1026 bytes), 257 × 4-byte emoji (1028 bytes).
        var value = string.Concat(Enumerable.Repeat(unit, repeat));

        // Act
        var error = AwsArgumentRules.CheckObjectKey("key", value);

        // Assert
        Assert.Contains("1024 UTF-8 bytes", Refusal.AssertNames(error, "key"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckObjectKey_MultiByteKeyWithin1024Bytes_ReturnsNull()
    {
        Assert.Null(AwsArgumentRules.CheckObjectKey("key", string.Concat(Enumerable.Repeat("€", 341))));
    }

    [Fact]
    public void CheckObjectKey_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckObjectKey("key", v), "key", 'k');
    }

    [Theory]
    [InlineData("builds/")]
    [InlineData("builds")]
    [InlineData("builds/2024/")]
    [InlineData("b")]
    public void CheckPrefix_ValidPrefix_ReturnsNull(string value)
    {
        Assert.Null(AwsArgumentRules.CheckPrefix("prefix", value));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/", "start with '/'")]
    [InlineData("/builds/", "start with '/'")]
    [InlineData("builds//", "\"//\"")]
    [InlineData("builds//x/", "\"//\"")]
    [InlineData("builds/*", "* ? or $")]
    [InlineData("build?", "* ? or $")]
    [InlineData("${aws:username}/", "* ? or $")]
    [InlineData("builds/../", "\"..\"")]
    [InlineData("../", "\"..\"")]
    [InlineData("./", "\"..\"")]
    [InlineData("builds/./", "\"..\"")]
    [InlineData("builds\\", "backslash")]
    [InlineData("builds\0/", "control characters")]
    public void CheckPrefix_InvalidPrefix_RefusesNamingArgument(string value, string explanation)
    {
        // Act
        var error = AwsArgumentRules.CheckPrefix("prefix", value);

        // Assert
        Assert.Contains(explanation, Refusal.AssertNames(error, "prefix"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckPrefix_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => AwsArgumentRules.CheckPrefix("prefix", v), "prefix", 'p');
    }
}
