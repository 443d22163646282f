namespace Sentrely.Arguments;

/// <summary>Resolves every symbolic link (and junction) in an absolute path, like POSIX <c>realpath</c>, but tolerates missing components.</summary>
internal static class LinkResolver
{
    /// <summary>Returns the real form of <paramref name="fullPath"/>, or null with a reason when it cannot be resolved.</summary>
    /// <remarks>
    /// ".." is applied after the link before it is resolved, as the kernel does, so a link to another folder followed by
    /// ".." leads to that folder's parent. Components that do not exist are kept as written; the caller checks existence.
    /// </remarks>
    public static string? Resolve(string fullPath, out string? failure)
    {
        failure = null;
        var resolved = Path.GetPathRoot(fullPath) ?? throw new ArgumentException("The path must be absolute.", nameof(fullPath));
        var pending = new Stack<string>();
        Push(pending, fullPath.AsSpan(resolved.Length));
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var next = Path.Join(resolved, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                target = null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = "a folder on the way cannot be read";
                return null;
            }

            if (target is null)
            {
                resolved = next;
                continue;
            }

            if (++links > ArgumentLimits.MaxSymbolicLinks)
            {
                failure = $"more than {ArgumentLimits.MaxSymbolicLinks} links are followed";
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                // An absolute target restarts from its own root; a relative one continues from the link's folder.
                resolved = Path.GetPathRoot(target) ?? resolved;
                target = target[resolved.Length..];
            }

            Push(pending, target);
        }

        return resolved;
    }

    private static void Push(Stack<string> pending, ReadOnlySpan<char> relative)
    {
        var parts = new List<string>();
        foreach (var range in relative.SplitAny(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            parts.Add(relative[range].ToString());
        }

        for (var i = parts.Count - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
