using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public class GlobAndSuggestionTests
{
    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("put-*", "put-build-artifact", true)]
    [InlineData("put-*", "get-build-artifact", false)]
    [InlineData("?et-function", "get-function", true)]
    [InlineData("get-function", "get-functions", false)]
    [InlineData("arn:aws:*:*:*:*prod*", "arn:aws:s3:::prod-bucket/k", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXbY", false)]
    [InlineData("", "", true)]
    public void Glob_IsMatch(string pattern, string text, bool expected)
    {
        // Act / Assert
        Assert.Equal(expected, Glob.IsMatch(pattern, text));
    }

    [Theory]
    [InlineData("resource", "resources")]
    [InlineData("Effect", "effect")]
    [InlineData("tool", "tools")]
    [InlineData("xyzzy", null)]
    public void Suggestions_Closest(string input, string? expected)
    {
        // Act / Assert
        Assert.Equal(expected, Suggestions.Closest(input, ["id", "effect", "tools", "resources", "principals", "when", "approval"]));
    }
}
