using System.Diagnostics;

namespace Sentrely.Mcp.Cli.Setup;

/// <summary>Runs the <c>claude</c> command line, found on PATH; Sentrely never edits <c>~/.claude.json</c> itself.</summary>
internal static class ClaudeCli
{
    /// <summary>Returns the arguments of <c>claude mcp add --scope user sentrely -- …</c> for <paramref name="launch"/>.</summary>
    public static IReadOnlyList<string> AddUserServerArguments(ServerLaunch launch) =>
        ["mcp", "add", "--scope", "user", ClaudeCodeFiles.ServerName, "--", launch.Command, .. launch.Arguments];

    /// <summary>Returns the absolute path of an executable <c>claude</c> on PATH, or null.</summary>
    public static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "claude.exe", "claude.cmd" } : ["claude"];
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathFullyQualified(folder))
            {
                // A relative PATH entry resolves against the working directory, which the agent can write to.
                continue;
            }

            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="claude"/> with <paramref name="arguments"/>; returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string claude, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(claude)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{claude} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }
}
