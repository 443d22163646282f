using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Sentrely.Arguments;

/// <summary>Opens a file beneath an open folder without following a link at any step, so what was checked is what is read.</summary>
/// <remarks>
/// Checking a path and then opening it by name again is a race an agent can win (swap a folder for a link in between),
/// and a check that resolves links cannot see a hard link. Opening once, relative to the root's handle, with the kernel
/// refusing links and escapes, leaves nothing to race. Linux only for now: elsewhere <c>path</c> is refused.
/// </remarks>
internal static class NoFollowOpener
{
    private static readonly AsyncLocal<bool> ForceWalkFlag = new();
    private static volatile bool openAt2Unavailable;

    /// <summary>Whether this platform can open a file without following links (Linux on x64 or ARM64).</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Makes the current flow use the component walk instead of <c>openat2</c> (tests of the fallback).</summary>
    internal static bool ForceWalk
    {
        get => ForceWalkFlag.Value;
        set => ForceWalkFlag.Value = value;
    }

    /// <summary>Opens an allowed root folder; the root itself may be a link the operator configured.</summary>
    public static SafeFileHandle OpenRoot(string path, out int errno) => LinuxFileCalls.OpenRoot(path, out errno);

    /// <summary>Opens the file named by <paramref name="components"/> (no "." or "..") beneath <paramref name="root"/>.</summary>
    /// <returns>The handle, invalid with <paramref name="errno"/> set when the open was refused.</returns>
    public static SafeFileHandle OpenBeneath(SafeFileHandle root, IReadOnlyList<string> components, out int errno)
    {
        if (!ForceWalk && !openAt2Unavailable)
        {
            var handle = LinuxFileCalls.OpenBeneath(root, string.Join('/', components), out errno);
            if (errno is not (LinuxFileCalls.ENoSys or LinuxFileCalls.EPerm))
            {
                return handle;
            }

            // Kernels before 5.6 lack openat2, and container seccomp profiles often answer EPERM for calls they do not know.
            handle.Dispose();
            openAt2Unavailable = true;
        }

        return Walk(root, components, out errno);
    }

    /// <summary>The fallback: opens each folder on the way with <c>O_NOFOLLOW | O_DIRECTORY</c> relative to the previous one.</summary>
    internal static SafeFileHandle Walk(SafeFileHandle root, IReadOnlyList<string> components, out int errno)
    {
        SafeFileHandle? folder = null;
        try
        {
            for (var i = 0; i < components.Count; i++)
            {
                if (components[i] is "" or "." or ".." || components[i].Contains('/', StringComparison.Ordinal))
                {
                    // The caller normalizes these away; refusing here keeps the walk safe on its own.
                    errno = LinuxFileCalls.EXDev;
                    return new SafeFileHandle(-1, ownsHandle: true);
                }

                var last = i == components.Count - 1;
                var next = LinuxFileCalls.OpenAt(
                    folder ?? root, components[i], last ? LinuxFileCalls.FileFlags : LinuxFileCalls.FolderFlags(noFollow: true), out errno);
                if (last || next.IsInvalid)
                {
                    return next;
                }

                folder?.Dispose();
                folder = next;
            }

            errno = LinuxFileCalls.ENoEnt;
            return new SafeFileHandle(-1, ownsHandle: true);
        }
        finally
        {
            folder?.Dispose();
        }
    }
}
