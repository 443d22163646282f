namespace Sentrely.Arguments.Tests;

public sealed class ArgumentTextTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("nul\0", "\"nul\\u0000\"")]
    [InlineData("rtl\u202E", "\"rtl\\u202E\"")]
    [InlineData("pair😀", "\"pair😀\"")]
    public void Quote_Value_EscapesControlFormatAndLoneSurrogates(string value, string expected)
    {
        Assert.Equal(expected, ArgumentText.Quote(value));
    }

    [Fact]
    public void Quote_LongValue_CutsTo64CharactersAndStatesLength()
    {
        var quoted = ArgumentText.Quote(new string('x', 100));

        Assert.Equal("\"" + new string('x', 64) + "\"… (100 characters)", quoted);
    }

    [Fact]
    public void Quote_CutInsideSurrogatePair_DropsTheHalf()
    {
        var quoted = ArgumentText.Quote(new string('x', 63) + "😀" + "tail");

        Assert.Equal("\"" + new string('x', 63) + "\"… (69 characters)", quoted);
    }
}
