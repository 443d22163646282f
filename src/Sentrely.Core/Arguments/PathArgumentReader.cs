using Microsoft.Win32.SafeHandles;

namespace Sentrely.Arguments;

/// <summary>Reads the file a <c>path</c> argument names, opened once inside an allowed root without following any link.</summary>
public static class PathArgumentReader
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Reads <paramref name="path"/> (absolute, or relative to the first root) when it lies inside one of the roots, no
    /// component below the root is a link, and it is a regular file with one hard link of at most <paramref name="maxBytes"/>.
    /// </summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="path">The path as the agent gave it.</param>
    /// <param name="roots">The allowed roots; a root itself may be reached through a link.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The bytes read from the one open handle that passed the checks, or the error message.</returns>
    public static async ValueTask<(byte[]? Content, string? Error)> ReadAsync(
        string argument, string path, IFileRootProvider roots, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(roots);
        var syntaxError = CheckSyntax(argument, path);
        if (syntaxError is not null)
        {
            return (null, syntaxError);
        }

        if (!NoFollowOpener.IsSupported)
        {
            return (null, $"`{argument}` cannot be read safely on this operating system (files are opened without following links on Linux only); send the content inline or through S3.");
        }

        var (root, components, error) = Locate(argument, path, await roots.GetRootsAsync(cancellationToken).ConfigureAwait(false));
        if (root is null)
        {
            return (null, error);
        }

        if (components.Count == 0)
        {
            return (null, $"`{argument}` is a folder; give the path of a file.");
        }

        using var rootHandle = NoFollowOpener.OpenRoot(root, out _);
        if (rootHandle.IsInvalid)
        {
            return (null, $"`{argument}` lies in an allowed folder that cannot be opened.");
        }

        using var file = NoFollowOpener.OpenBeneath(rootHandle, components, out var errno);
        return file.IsInvalid
            ? (null, DescribeOpenFailure(argument, errno))
            : await ReadOpenFileAsync(argument, file, maxBytes, cancellationToken).ConfigureAwait(false);
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

    // Finds the root the path lies in and the components below it. ".." is applied to the text: below a root no link
    // is ever followed, so the text is what the kernel will walk; the open then refuses any link or escape it meets.
    private static (string? Root, IReadOnlyList<string> Components, string? Error) Locate(string argument, string path, IReadOnlyList<string> roots)
    {
        string candidate;
        if (Path.IsPathFullyQualified(path))
        {
            candidate = Path.GetFullPath(path);
        }
        else if (Path.IsPathRooted(path))
        {
            return (null, [], $"`{argument}` must be absolute or relative to the first root, not relative to a drive or the current drive's root.");
        }
        else if (roots.Count == 0 || !IsUsableRoot(roots[0]))
        {
            return (null, [], $"`{argument}` is relative, but there is no root folder to resolve it against; give an absolute path inside an allowed root.");
        }
        else
        {
            candidate = Path.GetFullPath(Path.Join(Path.GetFullPath(roots[0]), path));
        }

        foreach (var root in roots.Where(IsUsableRoot))
        {
            // The root is resolved once, here: a root reached through a link (the operator's choice) is fine, and the
            // agent may name files through either spelling of it.
            var given = Path.GetFullPath(root);
            var real = LinkResolver.Resolve(given, out _);
            foreach (var form in real is null ? [given] : new[] { real, given })
            {
                var relative = RelativeTo(candidate, form);
                if (relative is not null)
                {
                    return (real ?? given, relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries), null);
                }
            }
        }

        return (null, [], $"`{argument}` lies outside the allowed folders (the MCP roots and files.roots).");
    }

    private static bool IsUsableRoot(string root) =>
        !string.IsNullOrEmpty(root) && CheckSyntax("root", root) is null && Path.IsPathFullyQualified(root);

    private static string? RelativeTo(string path, string root)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(root);
        if (path.Equals(trimmed, PathComparison) || path.Equals(root, PathComparison))
        {
            return "";
        }

        var inside = path.Length > trimmed.Length
            && path.StartsWith(trimmed, PathComparison)
            && (Path.EndsInDirectorySeparator(trimmed) || path[trimmed.Length] == Path.DirectorySeparatorChar);
        return inside ? path[trimmed.Length..] : null;
    }

    private static string DescribeOpenFailure(string argument, int errno) => errno switch
    {
        LinuxFileCalls.ELoop => $"`{argument}` is or goes through a symbolic link; links below an allowed folder are never followed, give the real path.",
        LinuxFileCalls.EXDev => $"`{argument}` lies outside the allowed folders (the MCP roots and files.roots).",
        LinuxFileCalls.ENoEnt => $"`{argument}` does not exist.",
        LinuxFileCalls.ENotDir => $"`{argument}` does not exist: a folder on the way is not a folder (or is a link, which is never followed).",
        LinuxFileCalls.EAccess => $"`{argument}` cannot be read: permission denied.",
        _ => $"`{argument}` cannot be opened (error {errno}).",
    };

    // Everything below looks at the open handle, never at the name: the bytes sent are the bytes of this handle.
    private static async ValueTask<(byte[]? Content, string? Error)> ReadOpenFileAsync(
        string argument, SafeFileHandle file, long maxBytes, CancellationToken cancellationToken)
    {
        var status = LinuxFileCalls.Status(file);
        var error = status switch
        {
            null => $"`{argument}` cannot be read: the kind of file cannot be determined.",
            { Kind: FileHandleKind.Folder } => $"`{argument}` is a folder; give the path of a file.",
            { Kind: FileHandleKind.Other } => $"`{argument}` is not a regular file (a device, pipe or socket).",
            { Links: not 1 } s => $"`{argument}` has {s.Links} hard links; only a file with a single link is read (a hard link can stand for a file outside the allowed folders).",
            { Length: var length } when length > maxBytes => $"`{argument}` is {length} bytes; the limit is {maxBytes} bytes.",
            _ => null,
        };
        if (error is not null)
        {
            return (null, error);
        }

        // One byte more than the size seen: a file that grew after the status was taken is refused, not cut short.
        var buffer = new byte[status!.Value.Length + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await RandomAccess.ReadAsync(file, buffer.AsMemory(read), read, cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        return read == buffer.Length
            ? (null, $"`{argument}` grew while it was read; try again once it is written.")
            : (buffer[..read], null);
    }
}
