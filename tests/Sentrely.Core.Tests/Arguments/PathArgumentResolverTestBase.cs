namespace Sentrely.Arguments.Tests;

/// <summary>A temporary tree shared by the path resolver tests: base/root (the root, with inside.txt and sub/nested.txt) and base/outside/secret.txt.</summary>
public abstract class PathArgumentResolverTestBase : IDisposable
{
    protected const long MaxBytes = 100;

    protected PathArgumentResolverTestBase()
    {
        Tree = new TempFileTree();
        RootFolder = Tree.Folder("root");
        Inside = Tree.File("root/inside.txt");
        Tree.File("root/sub/nested.txt");
        Secret = Tree.File("outside/secret.txt");
    }

    internal TempFileTree Tree { get; }

    protected string RootFolder { get; }

    protected string Inside { get; }

    protected string Secret { get; }

    public void Dispose()
    {
        Tree.Dispose();
        GC.SuppressFinalize(this);
    }

    protected ValueTask<(ResolvedPath? Path, string? Error)> Resolve(string path, IReadOnlyList<string>? roots = null) =>
        PathArgumentResolver.ResolveAsync("path", path, new TempFileTree.Roots(roots ?? [RootFolder]), MaxBytes, CancellationToken.None);
}
