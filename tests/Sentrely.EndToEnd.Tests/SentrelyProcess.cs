using System.Diagnostics;

namespace Sentrely.EndToEnd.Tests;

/// <summary>
/// Runs the built <c>sentrely</c> executable as a child process, as a user or an MCP client would: <c>dotnet sentrely.dll</c>
/// (the JIT build next to the tests), or the native binary named by <c>SENTRELY_TEST_EXECUTABLE</c> — test.sh's Native AOT
/// pass runs the process-level tests again against the published AOT binary that way.
/// </summary>
internal static class SentrelyProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "sentrely.dll");

    /// <summary>Gets the native binary under test, or null for <c>dotnet sentrely.dll</c>.</summary>
    public static string? NativeExecutable { get; } = FindNativeExecutable();

    /// <summary>Gets the program to start: the native binary, or <c>dotnet</c>.</summary>
    public static string Command => NativeExecutable ?? "dotnet";

    /// <summary>Returns the arguments that run <c>sentrely <paramref name="args"/></c> with <see cref="Command"/>.</summary>
    public static string[] Arguments(params string[] args) => NativeExecutable is null ? [Dll, .. args] : args;

    public static ProcessStartInfo StartInfo(SandboxWorld world, params string[] args)
    {
        var info = new ProcessStartInfo(Command, Arguments(args))
        {
            WorkingDirectory = world.WorkFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        ChildProcess.SetEnvironment(info, world.ServerEnvironment);

        return info;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(SandboxWorld world, params string[] args)
    {
        return await ChildProcess.RunAsync(StartInfo(world, args), TimeSpan.FromSeconds(60));
    }

    private static string? FindNativeExecutable()
    {
        var path = Environment.GetEnvironmentVariable("SENTRELY_TEST_EXECUTABLE");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        // A named binary that is not there must fail the run, not silently test the JIT build instead.
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new InvalidOperationException($"SENTRELY_TEST_EXECUTABLE={path} does not exist: publish it first (see test.sh)");
    }
}
