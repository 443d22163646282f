using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Sentrely.Arguments;

/// <summary>The Linux calls that open a file without following a link and describe the open handle.</summary>
/// <remarks>
/// <c>openat2</c> has no C library wrapper on older glibc, so it goes through <c>syscall</c>; its number (437) is the same
/// on every architecture. The <c>O_*</c> values of <c>O_DIRECTORY</c> and <c>O_NOFOLLOW</c> differ on ARM.
/// </remarks>
internal static unsafe partial class LinuxFileCalls
{
    /// <summary>Operation not permitted (a seccomp filter refusing <c>openat2</c>).</summary>
    public const int EPerm = 1;

    /// <summary>No such file or folder.</summary>
    public const int ENoEnt = 2;

    /// <summary>Permission denied.</summary>
    public const int EAccess = 13;

    /// <summary>Cross-device: <c>RESOLVE_BENEATH</c> refused a path that leaves the folder.</summary>
    public const int EXDev = 18;

    /// <summary>A component on the way is not a folder.</summary>
    public const int ENotDir = 20;

    /// <summary>The system call does not exist (kernels before 5.6).</summary>
    public const int ENoSys = 38;

    /// <summary>A link was met where none may be followed.</summary>
    public const int ELoop = 40;

    private const long SysOpenAt2 = 437;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxWanted = 0x1 | 0x4 | 0x200; // STATX_TYPE | STATX_NLINK | STATX_SIZE
    private const ulong ResolveNoMagicLinks = 0x02;
    private const ulong ResolveNoSymlinks = 0x04;
    private const ulong ResolveBeneath = 0x08;

    private static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    /// <summary><c>O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW</c>: a FIFO does not block the open, a link at the leaf fails.</summary>
    public static int FileFlags => 0x800 | 0x80000 | NoFollow;

    /// <summary><c>O_RDONLY | O_DIRECTORY | O_CLOEXEC</c> plus <c>O_NOFOLLOW</c> when asked: a folder to open files beneath.</summary>
    public static int FolderFlags(bool noFollow) => (Arm ? 0x4000 : 0x10000) | 0x80000 | (noFollow ? NoFollow : 0);

    private static int NoFollow => Arm ? 0x8000 : 0x20000;

    /// <summary>Opens <paramref name="relative"/> beneath <paramref name="folder"/> with <c>openat2</c>, refusing every link and every escape.</summary>
    public static SafeFileHandle OpenBeneath(SafeFileHandle folder, string relative, out int errno)
    {
        var how = new OpenHow { Flags = (ulong)FileFlags, Resolve = ResolveBeneath | ResolveNoSymlinks | ResolveNoMagicLinks };
        var bytes = System.Text.Encoding.UTF8.GetBytes(relative + "\0");
        nint fd;
        fixed (byte* path = bytes)
        {
            fd = SysCall(SysOpenAt2, folder, path, &how, (nuint)sizeof(OpenHow));
        }

        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return new SafeFileHandle(fd < 0 ? -1 : fd, ownsHandle: true);
    }

    /// <summary>Opens one name inside <paramref name="folder"/> (never a path: the walk passes a single component).</summary>
    public static SafeFileHandle OpenAt(SafeFileHandle folder, string name, int flags, out int errno)
    {
        var handle = OpenAtCall(folder, name, flags, 0);
        errno = handle.IsInvalid ? Marshal.GetLastPInvokeError() : 0;
        return handle;
    }

    /// <summary>Opens an absolute folder path, following links: used only for the allowed roots the operator or client named.</summary>
    public static SafeFileHandle OpenRoot(string path, out int errno)
    {
        var handle = OpenCall(path, FolderFlags(noFollow: false), 0);
        errno = handle.IsInvalid ? Marshal.GetLastPInvokeError() : 0;
        return handle;
    }

    /// <summary>Describes the open file itself (<c>statx</c> with <c>AT_EMPTY_PATH</c>), or null when the kernel cannot say.</summary>
    public static FileHandleStatus? Status(SafeFileHandle handle)
    {
        // struct statx is laid out the same on every architecture: nlink at 16, mode at 28, size at 40.
        var buffer = stackalloc byte[256];
        byte empty = 0;
        if (StatxCall(handle, &empty, AtEmptyPath, StatxWanted, buffer) != 0)
        {
            return null;
        }

        var mode = *(ushort*)(buffer + 28);
        return new FileHandleStatus(FileHandleStatus.KindOf(mode), *(uint*)(buffer + 16), *(long*)(buffer + 40));
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint SysCall(long number, SafeFileHandle folder, byte* path, OpenHow* how, nuint size);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle OpenAtCall(SafeFileHandle folder, string name, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial SafeFileHandle OpenCall(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int StatxCall(SafeFileHandle handle, byte* path, int flags, uint mask, byte* buffer);

    /// <summary>struct open_how of <c>openat2(2)</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }
}
