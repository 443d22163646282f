namespace Sentrely.TestUtilities;

/// <summary>Finds the repository root (the folder holding Sentrely.Mcp.sln) above the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sentrely.Mcp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Sentrely.Mcp.sln not found above " + AppContext.BaseDirectory);
    }
}
