using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Sentrely.EndToEnd.Tests.Setup;

/// <summary>A private HOME and a project folder in a temporary folder; runs <c>sentrely</c> there with no AWS or Sentrely variables of the user's.</summary>
internal sealed class SetupWorld : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("sentrely-setup-").FullName;

    public string Home => Path.Combine(Folder, "home");

    public string Project => Path.Combine(Folder, "project");

    public string McpJson => Path.Combine(Project, ".mcp.json");

    public string ProjectSettings => Path.Combine(Project, ".claude", "settings.json");

    public string UserSettings => Path.Combine(Home, ".claude", "settings.json");

    /// <summary>Gets variables set for the child on top of the cleaned environment (null removes one).</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    public SetupWorld()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Project);
    }

    public static JsonObject ReadJson(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    public static string[] DenyRules(string path) => ReadJson(path)["permissions"]!["deny"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();

    public void WriteFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Runs <c>sentrely</c> (<see cref="SentrelyProcess"/>) in the project folder; <paramref name="pathPrefix"/> is put in front of a PATH from which every folder holding <c>claude</c> is removed.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, string? pathPrefix = null)
    {
        var info = new ProcessStartInfo(SentrelyProcess.Command, SentrelyProcess.Arguments(args))
        {
            WorkingDirectory = Project,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("XDG_", StringComparison.Ordinal) || k == "SENTRELY_CONFIG").ToArray())
        {
            info.Environment.Remove(key);
        }

        var path = string.Join(Path.PathSeparator, (info.Environment["PATH"] ?? "").Split(Path.PathSeparator).Where(p => !File.Exists(Path.Combine(p, "claude"))));
        info.Environment["PATH"] = pathPrefix is null ? path : pathPrefix + Path.PathSeparator + path;
        info.Environment["HOME"] = Home;
        info.Environment["DISABLE_AUTOUPDATER"] = "1";
        ChildProcess.SetEnvironment(info, Environment);

        return await ChildProcess.RunAsync(info, TimeSpan.FromMinutes(3));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the folder is temporary anyway.
        }
    }
}
