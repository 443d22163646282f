namespace Sentrely.Arguments.Tests;

public sealed class PathArgumentReaderLinkTests : PathArgumentReaderTestBase
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_SymlinkAtLeaf_RefusesEvenWhenTargetIsInside(bool walk)
    {
        // Arrange: one link to a file inside, one to the secret outside.
        Tree.Link("root/alias.txt", "inside.txt");
        Tree.Link("root/escape.txt", Secret);

        foreach (var path in new[] { "alias.txt", "escape.txt" })
        {
            // Act
            var (content, error) = walk ? await ReadByWalk(path) : await Read(path);

            // Assert
            Assert.Null(content);
            Assert.Contains("symbolic link", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_SymlinkedFolderOnTheWay_Refuses(bool walk)
    {
        // Arrange: a folder link inside the root, and one leading out of it.
        Directory.CreateSymbolicLink(Tree.Combine("root/subalias"), Tree.Combine("root/sub"));
        Directory.CreateSymbolicLink(Tree.Combine("root/outdir"), Tree.Combine("outside"));

        foreach (var path in new[] { "subalias/nested.txt", "outdir/secret.txt", Tree.Combine("root/outdir/secret.txt") })
        {
            // Act
            var (content, error) = walk ? await ReadByWalk(path) : await Read(path);

            // Assert: the kernel says ELOOP (openat2) or ENOTDIR (the walk's O_DIRECTORY | O_NOFOLLOW); both refuse.
            Assert.Null(content);
            Assert.Matches("symbolic link|link, which is never followed", Refusal.AssertNames(error, "path"));
        }
    }

    [Fact]
    public async Task ReadAsync_RootGivenThroughSymlink_ReadsThroughEitherSpelling()
    {
        // Arrange
        var rootLink = Tree.Link("rootlink", RootFolder);

        // Act
        var (relative, relativeError) = await Read("inside.txt", [rootLink]);
        var (absolute, absoluteError) = await Read(Inside, [rootLink]);
        var (viaLink, viaLinkError) = await Read(Path.Combine(rootLink, "sub/nested.txt"), [rootLink]);

        // Assert
        Assert.Null(relativeError);
        Assert.Equal("inside", Text(relative));
        Assert.Null(absoluteError);
        Assert.Equal("inside", Text(absolute));
        Assert.Null(viaLinkError);
        Assert.Equal("nested", Text(viaLink));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_HardLinkToOutsideFile_Refuses(bool walk)
    {
        // Arrange: a hard link is indistinguishable by name from the file it aliases; only the link count tells.
        var link = Tree.Combine("root/hard.txt");
        await ExternalCommand.RunAsync("ln", Secret, link);

        // Act
        var (content, error) = walk ? await ReadByWalk("hard.txt") : await Read("hard.txt");

        // Assert
        Assert.Null(content);
        Assert.Contains("2 hard links", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CharacterDevice_RefusesAsNotRegular()
    {
        // Arrange: a device node needs root; elsewhere the FIFO test covers the non-regular branch.
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return;
        }

        await ExternalCommand.RunAsync("mknod", Tree.Combine("root/null"), "c", "1", "3");

        // Act
        var (content, error) = await Read("null");

        // Assert
        Assert.Null(content);
        Assert.Contains("not a regular file", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }
}
