namespace Sentrely.Arguments.Tests;

public sealed class PathArgumentReaderTests : PathArgumentReaderTestBase
{
    [Theory]
    [InlineData("inside.txt", "inside")]
    [InlineData("sub/nested.txt", "nested")]
    [InlineData("./sub/../inside.txt", "inside")]
    public async Task ReadAsync_RelativePathInsideRoot_ReadsAgainstFirstRoot(string path, string expected)
    {
        // Act
        var (content, error) = await Read(path);

        // Assert
        Assert.Null(error);
        Assert.Equal(expected, Text(content));
    }

    [Fact]
    public async Task ReadAsync_AbsolutePathInsideRoot_Reads()
    {
        var (content, error) = await Read(Inside);

        Assert.Null(error);
        Assert.Equal("inside", Text(content));
    }

    [Fact]
    public async Task ReadAsync_FileInSecondRoot_ReadsByAbsolutePathOnly()
    {
        // Arrange
        var second = Tree.Folder("second");
        var file = Tree.File("second/only-here.txt", content: "second");

        // Act
        var (absolute, absoluteError) = await Read(file, [RootFolder, second]);
        var (_, relativeError) = await Read("only-here.txt", [RootFolder, second]);

        // Assert
        Assert.Null(absoluteError);
        Assert.Equal("second", Text(absolute));
        Assert.Contains("does not exist", Refusal.AssertNames(relativeError, "path"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("sub/../../outside/secret.txt")]
    [InlineData("../root-evil/x.txt")]
    [InlineData("../../../../../../../../etc/passwd")]
    public async Task ReadAsync_RelativeTraversal_RefusesAsOutside(string path)
    {
        // Arrange
        Tree.File("root-evil/x.txt");

        // Act
        var (content, error) = await Read(path);

        // Assert
        Assert.Null(content);
        Assert.Contains("outside the allowed folders", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_AbsolutePathOutsideOrSiblingWithSharedPrefix_Refuses()
    {
        // Arrange
        var sibling = Tree.File("root-evil/x.txt");

        // Act
        var (_, outsideError) = await Read(Secret);
        var (_, siblingError) = await Read(sibling);

        // Assert
        Assert.Contains("outside", Refusal.AssertNames(outsideError, "path"), StringComparison.Ordinal);
        Assert.Contains("outside", Refusal.AssertNames(siblingError, "path"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sub", "folder")]
    [InlineData(".", "folder")]
    [InlineData("sub/", "folder")]
    [InlineData("missing.txt", "does not exist")]
    [InlineData("sub/missing/x.txt", "does not exist")]
    public async Task ReadAsync_NotAFile_Refuses(string path, string explanation)
    {
        var (_, error) = await Read(path);

        Assert.Contains(explanation, Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FileOverSizeCap_RefusesAndAtCapAccepts()
    {
        // Arrange
        Tree.File("root/big.bin", (int)MaxBytes + 1);
        Tree.File("root/exact.bin", (int)MaxBytes);

        // Act
        var (_, bigError) = await Read("big.bin");
        var (exact, exactError) = await Read("exact.bin");

        // Assert
        Assert.Contains("limit is 100 bytes", Refusal.AssertNames(bigError, "path"), StringComparison.Ordinal);
        Assert.Null(exactError);
        Assert.Equal(MaxBytes, exact!.Length);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("inside.txt\0", "control characters")]
    [InlineData("in\0side.txt", "control characters")]
    [InlineData("inside.txt\n", "control characters")]
    [InlineData("\u001B[2Jinside.txt", "control characters")]
    public async Task ReadAsync_MalformedPath_Refuses(string path, string explanation)
    {
        var (_, error) = await Read(path);

        Assert.Contains(explanation, Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LoneSurrogateOrHugePath_Refuses()
    {
        var (_, surrogateError) = await Read("inside" + '\uD800' + ".txt");
        var (_, hugeError) = await Read(new string('a', 1024 * 1024));

        Assert.Contains("surrogate", Refusal.AssertNames(surrogateError, "path"), StringComparison.Ordinal);
        Assert.True(Refusal.AssertNames(hugeError, "path").Length < 200);
    }

    [Fact]
    public async Task ReadAsync_RelativeWithNoRoots_Refuses()
    {
        var (_, error) = await Read("inside.txt", []);

        Assert.Contains("no root", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_AbsoluteWithNoRoots_RefusesAsOutside()
    {
        var (_, error) = await Read(Inside, []);

        Assert.Contains("outside", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Fifo_RefusesAsNotRegular()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Arrange
        await ExternalCommand.RunAsync("mkfifo", Tree.Combine("root/pipe"));

        // Act
        var (_, error) = await Read("pipe");

        // Assert
        Assert.Contains("not a regular file", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }
}
