namespace Sentrely.Arguments.Tests;

/// <summary>A temporary tree shared by the path reader tests: base/root (the root, with inside.txt and sub/nested.txt) and base/outside/secret.txt.</summary>
public abstract class PathArgumentReaderTestBase : IDisposable
{
    protected const long MaxBytes = 100;

    protected PathArgumentReaderTestBase()
    {
        Tree = new TempFileTree();
        RootFolder = Tree.Folder("root");
        Inside = Tree.File("root/inside.txt", content: "inside");
        Tree.File("root/sub/nested.txt", content: "nested");
        Secret = Tree.File("outside/secret.txt", content: "SECRET");
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

    protected ValueTask<(byte[]? Content, string? Error)> Read(string path, IReadOnlyList<string>? roots = null) =>
        PathArgumentReader.ReadAsync("path", path, new TempFileTree.Roots(roots ?? [RootFolder]), MaxBytes, CancellationToken.None);

    /// <summary>Reads as <see cref="Read"/> does, but through the component walk that stands in for <c>openat2</c>.</summary>
    protected async ValueTask<(byte[]? Content, string? Error)> ReadByWalk(string path, IReadOnlyList<string>? roots = null)
    {
        NoFollowOpener.ForceWalk = true;
        try
        {
            return await Read(path, roots);
        }
        finally
        {
            NoFollowOpener.ForceWalk = false;
        }
    }

    protected static string Text(byte[]? content) => System.Text.Encoding.UTF8.GetString(content ?? []);
}
