namespace Sentrely.Harness;

/// <summary>How to launch one server variant: a native binary, or <c>dotnet x.dll</c> for a framework-dependent build.</summary>
internal sealed record ServerCommand(string Label, string FileName, IReadOnlyList<string> Arguments)
{
    public static ServerCommand For(string label, string path, IReadOnlyList<string> arguments)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{label}: no such file", full);
        }

        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ServerCommand(label, "dotnet", [full, .. arguments])
            : new ServerCommand(label, full, arguments);
    }
}
