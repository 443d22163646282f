using System.Diagnostics;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything/at:all", true)]
    [InlineData("put-*", "put-build-artifact", true)]
    [InlineData("put-*", "get-build-artifact", false)]
    [InlineData("t3.?", "t3.x", true)]
    [InlineData("t3.?", "t3.xl", false)]
    [InlineData("arn:aws:*:*:*:*prod*", "arn:aws:lambda:us-east-1:1:function:x-prod", true)]
    [InlineData("arn:aws:s3:::b/builds/*", "arn:aws:s3:::b/builds/", true)]
    [InlineData("arn:aws:s3:::b/builds/*", "arn:aws:s3:::b/builds", false)]
    [InlineData("abc", "ABC", false)]
    [InlineData("?et-function", "get-function", true)]
    [InlineData("get-function", "get-functions", false)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXbY", false)]
    [InlineData("", "", true)]
    public void IsMatch_Patterns_MatchLikeIam(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Glob.IsMatch(pattern, value));

    [Fact]
    public void IsMatch_HostileValue_StaysFast()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 50)) + "b";
        var value = new string('a', 100_000);
        var watch = Stopwatch.StartNew();

        Assert.False(Glob.IsMatch(pattern, value));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
