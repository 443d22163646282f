using Sentrely.Audit;

namespace Sentrely.Core.Tests.Audit;

public sealed class OperatorTextTests
{
    [Theory]
    [InlineData("get-build-artifact", "get-build-artifact")]
    [InlineData("line\nforged", "line\\nforged")]
    [InlineData("cr\rlf\n", "cr\\rlf\\n")]
    [InlineData("tab\t", "tab\\t")]
    [InlineData("\u001b[2K\u001b[1Aallow", "\\x1b[2K\\x1b[1Aallow")]
    [InlineData("del\u007f", "del\\x7f")]
    [InlineData("c1\u009b31m", "c1\\x9b31m")]
    [InlineData("nul\0", "nul\\x00")]
    [InlineData("abc\u202edcba", "abc\\u202edcba")]
    [InlineData("\u200e\u200f\u061c\u2066\u2069", "\\u200e\\u200f\\u061c\\u2066\\u2069")]
    [InlineData("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff")]
    [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
    [InlineData("emoji 😀 日本語 back\\slash", "emoji 😀 日本語 back\\slash")]
    public void Escape_Value_UnsafeCharactersBecomeVisibleEscapes(string value, string expected)
    {
        Assert.Equal(expected, OperatorText.Escape(value));
    }

    [Fact]
    public void Escape_TagCharacter_EscapedAsCodePoint()
    {
        Assert.Equal("x\\U000e0041", OperatorText.Escape("x\U000E0041"));
    }

    [Fact]
    public void Escape_LoneSurrogate_EscapedAsCodeUnit()
    {
        Assert.Equal("lone\\ud800!", OperatorText.Escape("lone" + (char)0xD800 + "!"));
    }

    [Fact]
    public void Escape_Null_Null()
    {
        Assert.Null(OperatorText.Escape(null));
    }

    [Fact]
    public void Escape_AnyInput_ResultHasNoUnsafeCharacter()
    {
        // Arrange
        var every = new string(Enumerable.Range(0, 0x3000).Select(i => (char)i).ToArray());

        // Act
        var escaped = OperatorText.Escape(every);

        // Assert
        Assert.False(OperatorText.NeedsEscape(escaped));
        Assert.DoesNotContain('\n', escaped);
        Assert.DoesNotContain('\u001b', escaped);
    }
}
