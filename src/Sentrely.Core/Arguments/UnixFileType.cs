using System.Runtime.InteropServices;

namespace Sentrely.Arguments;

/// <summary>Tells regular files from FIFOs, sockets and devices, which .NET's file APIs do not distinguish.</summary>
/// <remarks>Opening a FIFO for reading blocks until a writer appears, so an agent could hang a call with <c>mkfifo</c>.</remarks>
internal static class UnixFileType
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxSize = 256;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>Returns whether <paramref name="path"/> (already link-resolved) is a regular file.</summary>
    /// <remarks>Linux asks the kernel (<c>statx</c>, whose layout is the same on every architecture); elsewhere it trusts .NET's attributes.</remarks>
    public static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var attributes = File.GetAttributes(path);
            return (attributes & (FileAttributes.Directory | FileAttributes.Device)) == 0;
        }

        var buffer = new byte[StatxSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // C libraries without statx (old musl): fall back to .NET's view, which already excludes folders.
            return true;
        }

        if (result != 0)
        {
            return false;
        }

        // The kernel writes the structure in native byte order.
        var mode = MemoryMarshal.Read<ushort>(buffer.AsSpan(StatxModeOffset)) & FileTypeMask;
        return mode == RegularFile;
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole assembly.
    [DllImport("libc", EntryPoint = "statx", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
