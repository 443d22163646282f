using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

public sealed class GlobSetsTests
{
    [Theory]
    [InlineData("arn:aws:s3:::my-bucket/builds/*", "arn:aws:s3:::*/*", true)]
    [InlineData("arn:aws:lambda:*:*:function:*", "arn:aws:s3:::*/*", false)]
    [InlineData("arn:aws:*:*:*:*prod*", "arn:aws:s3:::*/*", true)]
    [InlineData("a?c", "a*", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("*", "", true)]
    [InlineData("x*", "", false)]
    public void Intersect_TwoGlobs_TellsWhetherAStringMatchesBoth(string a, string b, bool expected)
    {
        // Act
        var forward = GlobSets.Intersect(a, b);
        var backward = GlobSets.Intersect(b, a);

        // Assert
        Assert.Equal(expected, forward);
        Assert.Equal(expected, backward);
    }

    [Theory]
    [InlineData("*", "arn:aws:s3:::b/*", true)]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::b/builds/*", true)]
    [InlineData("arn:aws:s3:::b/builds/*", "arn:aws:s3:::b/*", false)]
    [InlineData("arn:aws:*:*:*:*prod*", "arn:aws:s3:::prod-bucket/*", true)]
    [InlineData("arn:aws:s3:::b/?", "arn:aws:s3:::b/*", false)]
    [InlineData("a?c", "a?c", true)]
    [InlineData("abc", "a?c", false)]
    public void Covers_GeneralAndSpecific_IsTrueOnlyWhenCertain(string general, string specific, bool expected)
    {
        // Act
        var covers = GlobSets.Covers(general, specific);

        // Assert
        Assert.Equal(expected, covers);
    }

    [Fact]
    public void Intersect_HugePatterns_AnswersWithoutDeepRecursion()
    {
        // Arrange
        var huge = new string('*', 5000) + "x";

        // Act
        var intersect = GlobSets.Intersect(huge, "y");
        var covers = GlobSets.Covers(huge, "y");

        // Assert: the silent answers (no warning) rather than a stack overflow.
        Assert.True(intersect);
        Assert.False(covers);
    }
}
