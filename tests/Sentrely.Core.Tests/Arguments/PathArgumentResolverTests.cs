using System.Diagnostics;

namespace Sentrely.Arguments.Tests;

public sealed class PathArgumentResolverTests : PathArgumentResolverTestBase
{
    [Theory]
    [InlineData("inside.txt", "root/inside.txt")]
    [InlineData("sub/nested.txt", "root/sub/nested.txt")]
    [InlineData("./sub/../inside.txt", "root/inside.txt")]
    public async Task ResolveAsync_RelativePathInsideRoot_ResolvesAgainstFirstRoot(string path, string expected)
    {
        // Act
        var (resolved, error) = await Resolve(path);

        // Assert
        Assert.Null(error);
        Assert.Equal(new ResolvedPath(Tree.Combine(expected), 5), resolved);
    }

    [Fact]
    public async Task ResolveAsync_AbsolutePathInsideRoot_Resolves()
    {
        var (resolved, error) = await Resolve(Inside);

        Assert.Null(error);
        Assert.Equal(Inside, resolved!.FullPath);
    }

    [Fact]
    public async Task ResolveAsync_FileInSecondRoot_ResolvesByAbsolutePathOnly()
    {
        // Arrange
        var second = Tree.Folder("second");
        var file = Tree.File("second/only-here.txt");

        // Act
        var (absolute, absoluteError) = await Resolve(file, [RootFolder, second]);
        var (_, relativeError) = await Resolve("only-here.txt", [RootFolder, second]);

        // Assert
        Assert.Null(absoluteError);
        Assert.Equal(file, absolute!.FullPath);
        Assert.Contains("does not exist", Refusal.AssertNames(relativeError, "path"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("sub/../../outside/secret.txt")]
    [InlineData("../root-evil/x.txt")]
    [InlineData("../../../../../../../../etc/passwd")]
    public async Task ResolveAsync_RelativeTraversal_RefusesAsOutside(string path)
    {
        // Arrange
        Tree.File("root-evil/x.txt");

        // Act
        var (resolved, error) = await Resolve(path);

        // Assert
        Assert.Null(resolved);
        Assert.Contains("outside the allowed folders", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_AbsolutePathOutsideOrSiblingWithSharedPrefix_Refuses()
    {
        // Arrange
        var sibling = Tree.File("root-evil/x.txt");

        // Act
        var (_, outsideError) = await Resolve(Secret);
        var (_, siblingError) = await Resolve(sibling);

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
    public async Task ResolveAsync_NotAFile_Refuses(string path, string explanation)
    {
        var (_, error) = await Resolve(path);

        Assert.Contains(explanation, Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_FileOverSizeCap_RefusesAndAtCapAccepts()
    {
        // Arrange
        Tree.File("root/big.bin", (int)MaxBytes + 1);
        Tree.File("root/exact.bin", (int)MaxBytes);

        // Act
        var (_, bigError) = await Resolve("big.bin");
        var (exact, exactError) = await Resolve("exact.bin");

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
    public async Task ResolveAsync_MalformedPath_Refuses(string path, string explanation)
    {
        var (_, error) = await Resolve(path);

        Assert.Contains(explanation, Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_LoneSurrogateOrHugePath_Refuses()
    {
        var (_, surrogateError) = await Resolve("inside" + '\uD800' + ".txt");
        var (_, hugeError) = await Resolve(new string('a', 1024 * 1024));

        Assert.Contains("surrogate", Refusal.AssertNames(surrogateError, "path"), StringComparison.Ordinal);
        Assert.True(Refusal.AssertNames(hugeError, "path").Length < 200);
    }

    [Fact]
    public async Task ResolveAsync_RelativeWithNoRoots_Refuses()
    {
        var (_, error) = await Resolve("inside.txt", []);

        Assert.Contains("no root", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_AbsoluteWithNoRoots_RefusesAsOutside()
    {
        var (_, error) = await Resolve(Inside, []);

        Assert.Contains("outside", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_Fifo_RefusesAsNotRegular()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Arrange
        var fifo = Tree.Combine("root/pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Act
        var (_, error) = await Resolve("pipe");

        // Assert
        Assert.Contains("not a regular file", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }
}
