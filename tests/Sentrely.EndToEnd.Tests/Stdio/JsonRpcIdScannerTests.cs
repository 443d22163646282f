using System.Text;
using Sentrely.Mcp.Hosting;

namespace Sentrely.EndToEnd.Tests.Stdio;

public sealed class JsonRpcIdScannerTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"id":99}}""", "7")]
    [InlineData("""{"method":"tools/call","params":{"id":99,"x":[1,{"id":5}]},"jsonrpc":"2.0","id":"abc"}""", "\"abc\"")]
    [InlineData("""  { "id" : "a\"b\\c" , "method":"x"}""", "\"a\\\"b\\\\c\"")]
    [InlineData("""{"params":{"s":"},\"id\":3,"},"id":-12}""", "-12")]
    public void Feed_MessageInPieces_FindsTopLevelId(string message, string expected)
    {
        // Arrange
        var scanner = new JsonRpcIdScanner();
        var bytes = Encoding.UTF8.GetBytes(message);

        // Act: one byte at a time, as if the message arrived in the smallest pieces.
        foreach (var b in bytes)
        {
            scanner.Feed([b]);
        }

        // Assert
        Assert.Equal(expected, scanner.Id);
    }

    [Theory]
    [InlineData("""[{"id":1}]""")]
    [InlineData("""{"method":"x","params":{"id":1}}""")]
    [InlineData("""{"id":1.5}""")]
    [InlineData("""{"id":{"nested":1}}""")]
    [InlineData("""{"id":null}""")]
    public void Feed_NoUsableTopLevelId_Null(string message)
    {
        // Arrange
        var scanner = new JsonRpcIdScanner();

        // Act
        scanner.Feed(Encoding.UTF8.GetBytes(message));

        // Assert
        Assert.Null(scanner.Id);
    }

    [Fact]
    public void Feed_IdAfterHugeParams_FoundWithoutHoldingThem()
    {
        // Arrange
        var scanner = new JsonRpcIdScanner();
        var chunk = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));

        // Act
        scanner.Feed(Encoding.ASCII.GetBytes("{\"method\":\"tools/call\",\"params\":{\"arguments\":{\"text\":\""));
        for (var i = 0; i < 20; i++)
        {
            scanner.Feed(chunk);
        }

        scanner.Feed("\"}},\"id\":42}"u8);

        // Assert
        Assert.Equal("42", scanner.Id);
    }
}
