namespace Sentrely.Arguments;

/// <summary>Resolves a <c>path</c> argument to a regular file inside the allowed roots.</summary>
public static class PathArgumentResolver
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Resolves <paramref name="path"/> (absolute, or relative to the first root) with every link resolved, and accepts it
    /// only if the result lies inside one of the link-resolved roots and is an existing regular file of at most
    /// <paramref name="maxBytes"/> bytes.
    /// </summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="path">The path as the agent gave it.</param>
    /// <param name="roots">The allowed roots.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The resolved file, or the error message.</returns>
    public static async ValueTask<(ResolvedPath? Path, string? Error)> ResolveAsync(
        string argument, string path, IFileRootProvider roots, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(roots);
        var syntaxError = CheckSyntax(argument, path);
        if (syntaxError is not null)
        {
            return (null, syntaxError);
        }

        var givenRoots = await roots.GetRootsAsync(cancellationToken).ConfigureAwait(false);
        var realRoots = ResolveRoots(givenRoots);
        string candidate;
        if (Path.IsPathFullyQualified(path))
        {
            candidate = path;
        }
        else if (Path.IsPathRooted(path))
        {
            return (null, $"`{argument}` must be absolute or relative to the first root, not relative to a drive or the current drive's root.");
        }
        else if (givenRoots.Count == 0 || realRoots[0] is null)
        {
            return (null, $"`{argument}` is relative, but there is no root folder to resolve it against; give an absolute path inside an allowed root.");
        }
        else
        {
            candidate = Path.Join(realRoots[0], path);
        }

        var real = LinkResolver.Resolve(candidate, out var failure);
        if (real is null)
        {
            return (null, $"`{argument}` cannot be resolved: {failure}.");
        }

        // Containment is checked before existence so that paths outside the roots cannot be probed.
        if (!realRoots.Any(root => root is not null && IsInside(real, root)))
        {
            return (null, $"`{argument}` lies outside the allowed folders (the MCP roots and files.roots) once links are resolved.");
        }

        return CheckFile(argument, real, maxBytes);
    }

    private static string? CheckSyntax(string argument, string path)
    {
        if (path.Length == 0)
        {
            return $"`{argument}` must not be empty.";
        }

        if (path.Length > ArgumentLimits.MaxPathLength)
        {
            return $"`{argument}` must be at most {ArgumentLimits.MaxPathLength} characters; got {path.Length}.";
        }

        for (var i = 0; i < path.Length; i++)
        {
            if (ArgumentText.IsControl(path[i]))
            {
                return $"`{argument}` must not contain control characters; found {ArgumentText.DescribeChar(path[i])} at index {i}.";
            }
        }

        var surrogate = ArgumentText.IndexOfLoneSurrogate(path);
        return surrogate < 0 ? null : $"`{argument}` is not valid Unicode: lone surrogate at index {surrogate}.";
    }

    private static string?[] ResolveRoots(IReadOnlyList<string> roots)
    {
        // Keep positions: the first entry is the root relative paths are resolved against; an unusable root is null.
        var result = new string?[roots.Count];
        for (var i = 0; i < roots.Count; i++)
        {
            var root = roots[i];
            if (!string.IsNullOrEmpty(root) && CheckSyntax("root", root) is null && Path.IsPathFullyQualified(root))
            {
                var real = LinkResolver.Resolve(root, out _);
                result[i] = real is not null && Directory.Exists(real) ? real : null;
            }
        }

        return result;
    }

    private static bool IsInside(string path, string root)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        if (path.Equals(trimmed, PathComparison))
        {
            return true;
        }

        return path.Length > trimmed.Length
            && path.StartsWith(trimmed, PathComparison)
            && (Path.EndsInDirectorySeparator(trimmed) || path[trimmed.Length] == Path.DirectorySeparatorChar);
    }

    private static (ResolvedPath? Path, string? Error) CheckFile(string argument, string real, long maxBytes)
    {
        if (Directory.Exists(real))
        {
            return (null, $"`{argument}` is a folder; give the path of a file.");
        }

        var info = new FileInfo(real);
        if (!info.Exists)
        {
            return (null, $"`{argument}` does not exist.");
        }

        if (!UnixFileType.IsRegularFile(real))
        {
            return (null, $"`{argument}` is not a regular file (a device, pipe or socket).");
        }

        return info.Length > maxBytes
            ? (null, $"`{argument}` is {info.Length} bytes; the limit is {maxBytes} bytes.")
            : (new ResolvedPath(real, info.Length), null);
    }
}
