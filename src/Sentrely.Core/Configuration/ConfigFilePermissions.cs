namespace Sentrely.Configuration;

/// <summary>
/// Checks that no other user can change the policy: the configuration file must not be writable by its group or by
/// others, nor its folder (which would let them replace the file) unless the folder has the sticky bit, as
/// <c>/tmp</c> does, which keeps others from renaming or deleting a file they do not own.
/// </summary>
public static class ConfigFilePermissions
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Returns why <paramref name="path"/> is unsafe to serve (with the <c>chmod</c> command that fixes it), or null.</summary>
    /// <param name="path">The configuration file.</param>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            // Windows has no Unix modes; its ACLs are the operator's to set.
            return null;
        }

        var full = Path.GetFullPath(path);
        if ((File.GetUnixFileMode(full) & WritableByOthers) != 0)
        {
            return $"{ConfigErrorCodes.WritableByOthers} the configuration {full} can be written by other users (group or others), who could change the policy. "
                + $"Fix: chmod go-w '{full}'";
        }

        var folder = Path.GetDirectoryName(full)!;
        var mode = File.GetUnixFileMode(folder);
        return (mode & WritableByOthers) != 0 && (mode & UnixFileMode.StickyBit) == 0
            ? $"{ConfigErrorCodes.WritableByOthers} the folder {folder} holding the configuration can be written by other users (group or others), who could replace the file. "
                + $"Fix: chmod go-w '{folder}' (or move the configuration to ~/.config/sentrely/)"
            : null;
    }
}
