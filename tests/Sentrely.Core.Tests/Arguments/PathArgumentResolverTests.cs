using System.Diagnostics;

namespace Sentrely.Arguments.Tests;

public sealed class PathArgumentResolverTests : IDisposable
{
    private const long MaxBytes = 100;
    private readonly TempFileTree _tree = new();
    private readonly string _root;
    private readonly string _inside;
    private readonly string _secret;

    public PathArgumentResolverTests()
    {
        _root = _tree.Folder("root");
        _inside = _tree.File("root/inside.txt");
        _tree.File("root/sub/nested.txt");
        _secret = _tree.File("outside/secret.txt");
    }

    public void Dispose() => _tree.Dispose();

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
        Assert.Equal(new ResolvedPath(_tree.Combine(expected), 5), resolved);
    }

    [Fact]
    public async Task ResolveAsync_AbsolutePathInsideRoot_Resolves()
    {
        var (resolved, error) = await Resolve(_inside);

        Assert.Null(error);
        Assert.Equal(_inside, resolved!.FullPath);
    }

    [Fact]
    public async Task ResolveAsync_SymlinkInsideToFileInside_ResolvesToTarget()
    {
        // Arrange
        _tree.Link("root/alias.txt", "inside.txt");
        Directory.CreateSymbolicLink(_tree.Combine("root/subalias"), _tree.Combine("root/sub"));

        // Act
        var (file, fileError) = await Resolve("alias.txt");
        var (nested, nestedError) = await Resolve("subalias/nested.txt");

        // Assert
        Assert.Null(fileError);
        Assert.Equal(_inside, file!.FullPath);
        Assert.Null(nestedError);
        Assert.Equal(_tree.Combine("root/sub/nested.txt"), nested!.FullPath);
    }

    [Fact]
    public async Task ResolveAsync_RootGivenThroughSymlink_AcceptsFilesOfTheRealRoot()
    {
        // Arrange
        var rootLink = _tree.Link("rootlink", _root);

        // Act
        var (relative, relativeError) = await Resolve("inside.txt", [rootLink]);
        var (absolute, absoluteError) = await Resolve(_inside, [rootLink]);

        // Assert
        Assert.Null(relativeError);
        Assert.Equal(_inside, relative!.FullPath);
        Assert.Null(absoluteError);
        Assert.Equal(_inside, absolute!.FullPath);
    }

    [Fact]
    public async Task ResolveAsync_FileInSecondRoot_ResolvesByAbsolutePathOnly()
    {
        // Arrange
        var second = _tree.Folder("second");
        var file = _tree.File("second/only-here.txt");

        // Act
        var (absolute, absoluteError) = await Resolve(file, [_root, second]);
        var (_, relativeError) = await Resolve("only-here.txt", [_root, second]);

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
        _tree.File("root-evil/x.txt");

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
        var sibling = _tree.File("root-evil/x.txt");

        // Act
        var (_, outsideError) = await Resolve(_secret);
        var (_, siblingError) = await Resolve(sibling);

        // Assert
        Assert.Contains("outside", Refusal.AssertNames(outsideError, "path"), StringComparison.Ordinal);
        Assert.Contains("outside", Refusal.AssertNames(siblingError, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_SymlinkEscapingRoot_Refuses()
    {
        // Arrange: a relative link, an absolute link, a link to an outside folder, and a chain ending outside.
        _tree.Link("root/escape-relative.txt", "../outside/secret.txt");
        _tree.Link("root/escape-absolute.txt", _secret);
        Directory.CreateSymbolicLink(_tree.Combine("root/outdir"), _tree.Combine("outside"));
        _tree.Link("root/chain.txt", "escape-relative.txt");

        foreach (var path in new[] { "escape-relative.txt", "escape-absolute.txt", "outdir/secret.txt", "chain.txt", _tree.Combine("root/outdir/secret.txt") })
        {
            // Act
            var (resolved, error) = await Resolve(path);

            // Assert
            Assert.Null(resolved);
            Assert.Contains("outside", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ResolveAsync_DotDotAfterSymlinkedFolder_FollowsTheLinkFirst()
    {
        // Arrange: outdir -> base/outside, so outdir/../root is base/root (inside) and outdir/../outside is outside.
        Directory.CreateSymbolicLink(_tree.Combine("root/outdir"), _tree.Combine("outside"));

        // Act
        var (inside, insideError) = await Resolve("outdir/../root/inside.txt");
        var (_, outsideError) = await Resolve("outdir/../outside/secret.txt");

        // Assert
        Assert.Null(insideError);
        Assert.Equal(_inside, inside!.FullPath);
        Refusal.AssertNames(outsideError, "path");
    }

    [Fact]
    public async Task ResolveAsync_LinkOutsideNotExisting_RefusesAsOutsideNotMissing()
    {
        _tree.Link("root/dangling.txt", _tree.Combine("outside/missing.txt"));

        var (_, error) = await Resolve("dangling.txt");

        Assert.Contains("outside", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_SymlinkLoop_Refuses()
    {
        _tree.Link("root/a", "b");
        _tree.Link("root/b", "a");

        var (_, error) = await Resolve("a");

        Assert.Contains("links", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
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
        _tree.File("root/big.bin", (int)MaxBytes + 1);
        _tree.File("root/exact.bin", (int)MaxBytes);

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
        var (_, error) = await Resolve(_inside, []);

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
        var fifo = _tree.Combine("root/pipe");
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

    private ValueTask<(ResolvedPath? Path, string? Error)> Resolve(string path, IReadOnlyList<string>? roots = null) =>
        PathArgumentResolver.ResolveAsync("path", path, new TempFileTree.Roots(roots ?? [_root]), MaxBytes, CancellationToken.None);
}
