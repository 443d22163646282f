using System.Diagnostics;

namespace Sentrely.EndToEnd.Tests;

/// <summary>Runs a child process to completion the one way every test does: stdin closed, both outputs read, a timeout.</summary>
internal static class ChildProcess
{
    /// <summary>Sets (or, for null values, removes) environment variables of <paramref name="info"/>.</summary>
    public static void SetEnvironment(ProcessStartInfo info, IEnumerable<KeyValuePair<string, string?>> variables)
    {
        foreach (var (key, value) in variables)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }
    }

    /// <summary>Starts the process, closes its stdin, and returns its exit code and output once it ends.</summary>
    /// <exception cref="OperationCanceledException">It ran longer than <paramref name="timeout"/>.</exception>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        info.RedirectStandardInput = info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
