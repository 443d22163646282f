using System.Diagnostics;

namespace Sentrely.Arguments.Tests;

/// <summary>Runs a file-system command the .NET API lacks (<c>ln</c>, <c>mkfifo</c>, <c>mknod</c>) and asserts it succeeded.</summary>
internal static class ExternalCommand
{
    public static async Task RunAsync(string command, params string[] arguments)
    {
        using var process = Process.Start(command, arguments);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
