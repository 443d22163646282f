namespace Sentrely.Arguments.Tests;

public sealed class NoFollowOpenerTests : PathArgumentReaderTestBase
{
    [Fact]
    public void Walk_PlainFileBelowRoot_OpensIt()
    {
        // Arrange
        using var root = OpenRoot();

        // Act
        using var file = NoFollowOpener.Walk(root, ["sub", "nested.txt"], out var errno);

        // Assert
        Assert.False(file.IsInvalid, $"errno {errno}");
        Assert.Equal(FileHandleKind.Regular, LinuxFileCalls.Status(file)!.Value.Kind);
    }

    [Fact]
    public void Walk_LinkAtLeafOrOnTheWay_Refuses()
    {
        // Arrange
        Tree.Link("root/alias.txt", "inside.txt");
        Directory.CreateSymbolicLink(Tree.Combine("root/outdir"), Tree.Combine("outside"));
        using var root = OpenRoot();

        // Act
        using var leaf = NoFollowOpener.Walk(root, ["alias.txt"], out var leafErrno);
        using var folder = NoFollowOpener.Walk(root, ["outdir", "secret.txt"], out var folderErrno);

        // Assert
        Assert.True(leaf.IsInvalid);
        Assert.Equal(LinuxFileCalls.ELoop, leafErrno);
        Assert.True(folder.IsInvalid);
        Assert.Contains(folderErrno, new[] { LinuxFileCalls.ELoop, LinuxFileCalls.ENotDir });
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("sub/nested.txt")]
    public void Walk_ComponentThatIsNotAName_RefusesAsEscape(string component)
    {
        // Arrange
        using var root = OpenRoot();

        // Act
        using var file = NoFollowOpener.Walk(root, [component, "outside", "secret.txt"], out var errno);

        // Assert
        Assert.True(file.IsInvalid);
        Assert.Equal(LinuxFileCalls.EXDev, errno);
    }

    [Fact]
    public void OpenBeneath_DotDotEscape_RefusedByTheKernel()
    {
        // Arrange
        using var root = OpenRoot();

        // Act: components the reader never produces, to show openat2's RESOLVE_BENEATH holds on its own.
        using var file = LinuxFileCalls.OpenBeneath(root, "../outside/secret.txt", out var errno);

        // Assert
        Assert.True(file.IsInvalid);
        Assert.Contains(errno, new[] { LinuxFileCalls.EXDev, LinuxFileCalls.ENoSys, LinuxFileCalls.EPerm });
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle OpenRoot()
    {
        Assert.True(NoFollowOpener.IsSupported);
        var root = NoFollowOpener.OpenRoot(RootFolder, out var errno);
        Assert.False(root.IsInvalid, $"errno {errno}");
        return root;
    }
}
