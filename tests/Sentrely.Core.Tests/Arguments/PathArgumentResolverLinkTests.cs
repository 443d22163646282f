namespace Sentrely.Arguments.Tests;

public sealed class PathArgumentResolverLinkTests : PathArgumentResolverTestBase
{
    [Fact]
    public async Task ResolveAsync_SymlinkInsideToFileInside_ResolvesToTarget()
    {
        // Arrange
        Tree.Link("root/alias.txt", "inside.txt");
        Directory.CreateSymbolicLink(Tree.Combine("root/subalias"), Tree.Combine("root/sub"));

        // Act
        var (file, fileError) = await Resolve("alias.txt");
        var (nested, nestedError) = await Resolve("subalias/nested.txt");

        // Assert
        Assert.Null(fileError);
        Assert.Equal(Inside, file!.FullPath);
        Assert.Null(nestedError);
        Assert.Equal(Tree.Combine("root/sub/nested.txt"), nested!.FullPath);
    }

    [Fact]
    public async Task ResolveAsync_RootGivenThroughSymlink_AcceptsFilesOfTheRealRoot()
    {
        // Arrange
        var rootLink = Tree.Link("rootlink", RootFolder);

        // Act
        var (relative, relativeError) = await Resolve("inside.txt", [rootLink]);
        var (absolute, absoluteError) = await Resolve(Inside, [rootLink]);

        // Assert
        Assert.Null(relativeError);
        Assert.Equal(Inside, relative!.FullPath);
        Assert.Null(absoluteError);
        Assert.Equal(Inside, absolute!.FullPath);
    }

    [Fact]
    public async Task ResolveAsync_SymlinkEscapingRoot_Refuses()
    {
        // Arrange: a relative link, an absolute link, a link to an outside folder, and a chain ending outside.
        Tree.Link("root/escape-relative.txt", "../outside/secret.txt");
        Tree.Link("root/escape-absolute.txt", Secret);
        Directory.CreateSymbolicLink(Tree.Combine("root/outdir"), Tree.Combine("outside"));
        Tree.Link("root/chain.txt", "escape-relative.txt");

        foreach (var path in new[] { "escape-relative.txt", "escape-absolute.txt", "outdir/secret.txt", "chain.txt", Tree.Combine("root/outdir/secret.txt") })
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
        Directory.CreateSymbolicLink(Tree.Combine("root/outdir"), Tree.Combine("outside"));

        // Act
        var (inside, insideError) = await Resolve("outdir/../root/inside.txt");
        var (_, outsideError) = await Resolve("outdir/../outside/secret.txt");

        // Assert
        Assert.Null(insideError);
        Assert.Equal(Inside, inside!.FullPath);
        Refusal.AssertNames(outsideError, "path");
    }

    [Fact]
    public async Task ResolveAsync_LinkOutsideNotExisting_RefusesAsOutsideNotMissing()
    {
        Tree.Link("root/dangling.txt", Tree.Combine("outside/missing.txt"));

        var (_, error) = await Resolve("dangling.txt");

        Assert.Contains("outside", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_SymlinkLoop_Refuses()
    {
        Tree.Link("root/a", "b");
        Tree.Link("root/b", "a");

        var (_, error) = await Resolve("a");

        Assert.Contains("links", Refusal.AssertNames(error, "path"), StringComparison.Ordinal);
    }
}
