namespace Sentrely.Arguments.Tests;

public sealed class MediaTypeRulesTests
{
    [Theory]
    [InlineData("application/zip")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("text/plain;charset=UTF-8;format=flowed")]
    [InlineData("application/vnd.api+json")]
    [InlineData("image/svg+xml")]
    public void CheckMediaType_MediaType_ReturnsNull(string value)
    {
        Assert.Null(AwsArgumentRules.CheckMediaType("contentType", value));
    }

    [Theory]
    [InlineData("text/plain\r\nX-Amz-Meta-Forged: 1")]
    [InlineData("text/plain\n")]
    [InlineData("text/html\r")]
    [InlineData("text")]
    [InlineData("text/")]
    [InlineData("/plain")]
    [InlineData("text/plain; charset=\"utf-8\"")]
    [InlineData("text/plain; charset")]
    [InlineData("text/pla in")]
    [InlineData("text/plain\u202e")]
    [InlineData("")]
    public void CheckMediaType_NotAMediaType_RefusesNamingArgument(string value)
    {
        Assert.Contains("media type", Refusal.AssertNames(AwsArgumentRules.CheckMediaType("contentType", value), "contentType"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckMediaType_Over255Characters_Refused()
    {
        Assert.Contains("at most 255", Refusal.AssertNames(AwsArgumentRules.CheckMediaType("contentType", "application/" + new string('x', 250)), "contentType"), StringComparison.Ordinal);
    }
}
