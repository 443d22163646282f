using System.Diagnostics;

namespace Sentrely.EndToEnd.Tests;

/// <summary>Runs the built <c>sentrely</c> executable as a child process, as a user or an MCP client would.</summary>
internal static class SentrelyProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "sentrely.dll");

    public static ProcessStartInfo StartInfo(SandboxWorld world, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = world.WorkFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in world.ServerEnvironment)
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

        return info;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(SandboxWorld world, params string[] args)
    {
        using var process = Process.Start(StartInfo(world, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
