using System.Diagnostics;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.Policy;

/// <summary>Runs <c>sentrely policy …</c> as a process from the repository root, as CI and the README do.</summary>
internal static class PolicyCli
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(SentrelyProcess.Command, SentrelyProcess.Arguments(args))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No AWS and no user configuration: the policy commands must need neither.
        info.Environment.Remove("SENTRELY_CONFIG");
        info.Environment["HOME"] = Path.GetTempPath();
        info.Environment["AWS_ACCESS_KEY_ID"] = "";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        return await ChildProcess.RunAsync(info, TimeSpan.FromSeconds(60));
    }

    /// <summary>Writes <paramref name="text"/> to a new temporary file and returns its path.</summary>
    public static string TempFile(string name, string text)
    {
        var folder = Directory.CreateTempSubdirectory("sentrely-policy-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
