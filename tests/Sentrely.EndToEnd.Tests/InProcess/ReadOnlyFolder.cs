using System.Diagnostics;
using System.Runtime.Versioning;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>
/// Makes a folder and its files unwritable until disposed: mode 0500/0400 and, because root ignores modes, the
/// immutable attribute (<c>chattr +i</c>) as well. Throws when the folder is still writable afterwards, so a test
/// built on it cannot pass without the fault really being there.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _folder;
    private readonly string[] _files;

    private ReadOnlyFolder(string folder)
    {
        _folder = folder;
        _files = Directory.GetFiles(folder);
    }

    public static ReadOnlyFolder Make(string folder)
    {
        var readOnly = new ReadOnlyFolder(folder);
        foreach (var file in readOnly._files)
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead);
            Chattr("+i", file);
        }

        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Chattr("+i", folder);
        if (IsWritable(readOnly))
        {
            readOnly.Dispose();
            throw new InvalidOperationException($"{folder} is still writable (running as root without chattr?): the fault cannot be injected here");
        }

        return readOnly;
    }

    public void Dispose()
    {
        Chattr("-i", _folder);
        File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in _files)
        {
            Chattr("-i", file);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static bool IsWritable(ReadOnlyFolder folder)
    {
        try
        {
            foreach (var file in folder._files)
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
            }

            File.WriteAllText(Path.Combine(folder._folder, "probe"), "x");
            File.Delete(Path.Combine(folder._folder, "probe"));
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static void Chattr(string flag, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, RedirectStandardOutput = true });
            process?.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No chattr: the modes alone must do (they do for a user that is not root).
        }
    }
}
