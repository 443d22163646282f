namespace Sentrely.Arguments.Tests;

/// <summary>A temporary folder tree for path tests, deleted on dispose.</summary>
internal sealed class TempFileTree : IDisposable
{
    public TempFileTree()
    {
        Base = Directory.CreateTempSubdirectory("sentrely-args-").FullName;
    }

    public string Base { get; }

    public string Combine(params string[] parts) => Path.Combine([Base, .. parts]);

    public string Folder(params string[] parts) => Directory.CreateDirectory(Combine(parts)).FullName;

    public string File(string relative, int length = 5, string? content = null)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (content is null)
        {
            System.IO.File.WriteAllBytes(path, new byte[length]);
        }
        else
        {
            System.IO.File.WriteAllText(path, content);
        }

        return path;
    }

    public string Link(string relative, string target)
    {
        var path = Combine(relative);
        System.IO.File.CreateSymbolicLink(path, target);
        return path;
    }

    public void Dispose() => Directory.Delete(Base, recursive: true);

    /// <summary>A fixed list of roots.</summary>
    internal sealed class Roots(IReadOnlyList<string> roots) : IFileRootProvider
    {
        public ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken) => new(roots);
    }
}
