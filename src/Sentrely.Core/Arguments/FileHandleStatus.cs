namespace Sentrely.Arguments;

/// <summary>What an open handle refers to, as the kernel describes the handle itself (not a name that may since point elsewhere).</summary>
/// <param name="Kind">Regular file, folder, or something else (device, FIFO, socket, link).</param>
/// <param name="Links">The number of hard links to the file.</param>
/// <param name="Length">The size in bytes.</param>
internal readonly record struct FileHandleStatus(FileHandleKind Kind, long Links, long Length)
{
    /// <summary>Maps the <c>S_IFMT</c> bits of a POSIX mode (the same on Linux and macOS).</summary>
    public static FileHandleKind KindOf(int mode) => (mode & 0xF000) switch
    {
        0x8000 => FileHandleKind.Regular,
        0x4000 => FileHandleKind.Folder,
        _ => FileHandleKind.Other,
    };
}
