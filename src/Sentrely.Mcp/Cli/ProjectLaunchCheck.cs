using System.Text.Json.Nodes;
using Sentrely.Mcp.Cli.Setup;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// The doctor's launch check: a project-scoped <c>.mcp.json</c> that starts Sentrely lies where the agent works, so the
/// agent can change the launch command and its environment (another config, endpoints, credentials) for the next
/// session. A warning: the setup works, but the user scope is the safer place.
/// </summary>
internal static class ProjectLaunchCheck
{
    /// <summary>Adds the check's line to <paramref name="report"/>.</summary>
    /// <param name="report">The doctor's report.</param>
    /// <param name="workingDirectory">The project folder Claude Code reads <c>.mcp.json</c> from.</param>
    public static void Run(DoctorReport report, string workingDirectory)
    {
        var path = Path.Combine(workingDirectory, ".mcp.json");
        if (!File.Exists(path))
        {
            return;
        }

        var servers = JsonSettingsFile.Read(path, out _)?["mcpServers"] as JsonObject;
        var launching = servers?.Where(s => LaunchesSentrely(s.Value)).Select(s => s.Key).ToList() ?? [];
        if (launching.Count == 0)
        {
            report.Pass($"{path} does not launch Sentrely");
            return;
        }

        report.Warn(
            $"{path} launches Sentrely (server {string.Join(", ", launching)}): the agent can edit this file, and with it Sentrely's launch command and environment for the next session",
            $"register Sentrely in user scope with `sentrely setup claude-code` (user scope is the default), then remove the entry: `claude mcp remove --scope project {launching[0]}`");
    }

    private static bool LaunchesSentrely(JsonNode? server) =>
        server is JsonObject entry
        && (Mentions(entry["command"]) || (entry["args"] is JsonArray args && args.Any(Mentions)));

    private static bool Mentions(JsonNode? value) =>
        value is JsonValue text && text.TryGetValue<string>(out var s) && Path.GetFileName(s).StartsWith("sentrely", StringComparison.OrdinalIgnoreCase);
}
