namespace Sentrely.Arguments;

/// <summary>Gets a <c>path</c> argument after resolution: the real path of a regular file inside an allowed root.</summary>
/// <param name="FullPath">The absolute path with every link resolved; read this, not the argument as given.</param>
/// <param name="Length">The file's size in bytes when it was resolved.</param>
public sealed record ResolvedPath(string FullPath, long Length);
