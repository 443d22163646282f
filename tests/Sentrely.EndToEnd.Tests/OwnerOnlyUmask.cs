using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sentrely.EndToEnd.Tests;

/// <summary>
/// Sets the process umask to 022 before any test runs, so the configurations the tests write (and the child
/// processes they start, which inherit it) are never group- or other-writable: <c>serve</c> refuses such a file
/// (SEN1080), and a CI runner with umask 002 would otherwise fail every test that starts a server.
/// </summary>
internal static class OwnerOnlyUmask
{
#pragma warning disable CA2255 // A test assembly, not a library: the umask must be set before the first test writes a file.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(0b000_010_010);
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in this project; umask takes and returns a plain integer.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
