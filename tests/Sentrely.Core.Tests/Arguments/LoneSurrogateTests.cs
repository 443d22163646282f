namespace Sentrely.Arguments.Tests;

/// <summary>
/// Lone surrogates cannot go in [InlineData]: attribute strings are stored as UTF-8 and a lone surrogate becomes
/// U+FFFD, so these cases build their values at run time.
/// </summary>
public sealed class LoneSurrogateTests
{
    private const char High = '\uD800';
    private const char Low = '\uDC00';

    private static readonly string[] Values =
    [
        "lone" + High + "high",
        "lone" + Low + "low",
        "reversed" + Low + High,
        "ends-high" + High,
        Low + "starts-low",
        "pair" + High + Low + "then" + High,
    ];

    [Fact]
    public void CheckObjectKey_LoneSurrogate_RefusesNamingArgument()
    {
        foreach (var value in Values)
        {
            Assert.Contains("lone surrogate", Refusal.AssertNames(AwsArgumentRules.CheckObjectKey("key", value), "key"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckPrefix_LoneSurrogate_RefusesNamingArgument()
    {
        foreach (var value in Values)
        {
            Assert.Contains("lone surrogate", Refusal.AssertNames(AwsArgumentRules.CheckPrefix("prefix", value + "/"), "prefix"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckText_LoneSurrogate_RefusesNamingArgument()
    {
        foreach (var value in Values)
        {
            Assert.Contains("lone surrogate", Refusal.AssertNames(AwsArgumentRules.CheckText("text", value, 100), "text"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OtherChecks_LoneSurrogate_RefuseNamingArgument()
    {
        var context = new ArgumentContext("aws", "us-east-1", "111122223333", new TempFileTree.Roots([]));
        foreach (var value in Values)
        {
            Refusal.AssertNames(AwsArgumentRules.CheckBucketName("bucket", "abc" + value), "bucket");
            Refusal.AssertNames(AwsArgumentRules.CheckFunctionName("functionName", value), "functionName");
            Refusal.AssertNames(AwsArgumentRules.CheckQualifier("qualifier", value), "qualifier");
            Refusal.AssertNames(AwsArgumentRules.CheckKeyName("keyName", value), "keyName");
            Refusal.AssertNames(AwsArgumentRules.CheckInstanceType("instanceType", value), "instanceType");
            Refusal.AssertNames(AwsArgumentRules.CheckTag("tags", value, "v"), "tags");
            Refusal.AssertNames(AwsArgumentRules.CheckTag("tags", "k", value), "tags");
            Refusal.AssertNames(LambdaFunctionReference.TryParse("functionName", value, context, out _), "functionName");
        }
    }

    [Fact]
    public void Quote_LoneSurrogate_IsEscaped()
    {
        Assert.Equal("\"lone\\uD800\"", ArgumentText.Quote("lone" + High));
        Assert.Equal("\"\\uDC00x\"", ArgumentText.Quote(Low + "x"));
    }

    [Fact]
    public void CheckObjectKey_ValidSurrogatePair_ReturnsNull()
    {
        Assert.Null(AwsArgumentRules.CheckObjectKey("key", "emoji/" + High + Low));
    }
}
