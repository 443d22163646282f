using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public class SuggestionTests
{
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
