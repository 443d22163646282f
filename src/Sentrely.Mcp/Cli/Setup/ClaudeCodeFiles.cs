using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sentrely.Mcp.Cli.Setup;

/// <summary>Merges Sentrely's entries into Claude Code's files, keeping every other key, server and rule.</summary>
internal static class ClaudeCodeFiles
{
    /// <summary>The name Sentrely is registered under.</summary>
    public const string ServerName = "sentrely";

    /// <summary>Returns the merge of <c>mcpServers.sentrely</c> (a stdio server running <paramref name="launch"/>) into the <c>.mcp.json</c> at <paramref name="path"/>.</summary>
    public static SetupChange MergeMcpJson(string path, ServerLaunch launch)
    {
        if (JsonSettingsFile.Read(path, out var problem) is not { } root)
        {
            return SetupChange.Refused(path, problem!);
        }

        if (!ChildObject(root, "mcpServers", out var servers))
        {
            return SetupChange.Refused(path, "`mcpServers` is not a JSON object");
        }

        var entry = new JsonObject
        {
            ["type"] = "stdio",
            ["command"] = launch.Command,
            ["args"] = new JsonArray([.. launch.Arguments.Select(a => (JsonNode?)JsonValue.Create(a))]),
        };
        if (servers.TryGetPropertyValue(ServerName, out var existing) && existing is JsonObject current)
        {
            // Keep keys we do not own (env, a timeout …); replace only the launch itself.
            var same = JsonNode.DeepEquals(current["type"], entry["type"])
                && JsonNode.DeepEquals(current["command"], entry["command"])
                && JsonNode.DeepEquals(current["args"], entry["args"]);
            if (same)
            {
                return new SetupChange(path, root, [], null);
            }

            foreach (var key in new[] { "type", "command", "args" })
            {
                current[key] = entry[key]!.DeepClone();
            }

            return new SetupChange(path, root, [$"mcpServers.{ServerName}: replaced the launch command with: {launch.ShellText()}"], null);
        }

        servers[ServerName] = entry;
        return new SetupChange(path, root, [$"mcpServers.{ServerName}: {launch.ShellText()}"], null);
    }

    /// <summary>
    /// Returns the merge of <paramref name="rules"/> into <c>permissions.deny</c> of the settings file at <paramref name="path"/>,
    /// without the <paramref name="superseded"/> rules Sentrely wrote before (other rules are kept as they are).
    /// </summary>
    public static SetupChange MergeDenyRules(string path, IReadOnlyList<string> rules, IReadOnlySet<string> superseded)
    {
        if (JsonSettingsFile.Read(path, out var problem) is not { } root)
        {
            return SetupChange.Refused(path, problem!);
        }

        if (!ChildObject(root, "permissions", out var permissions))
        {
            return SetupChange.Refused(path, "`permissions` is not a JSON object");
        }

        if (!permissions.TryGetPropertyValue("deny", out var denyNode) || denyNode is null)
        {
            denyNode = new JsonArray();
            permissions["deny"] = denyNode;
        }

        if (denyNode is not JsonArray deny || deny.Any(r => r?.GetValueKind() != JsonValueKind.String))
        {
            return SetupChange.Refused(path, "`permissions.deny` is not an array of strings");
        }

        var added = new List<string>();
        foreach (var old in deny.Where(r => superseded.Contains(r!.GetValue<string>())).ToList())
        {
            deny.Remove(old);
            added.Add($"- permissions.deny: {old!.GetValue<string>()} (Claude Code applies no Write rule; the Edit rule covers it)");
        }

        var present = deny.Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in rules.Where(present.Add))
        {
            deny.Add((JsonNode?)JsonValue.Create(rule));
            added.Add($"permissions.deny: {rule}");
        }

        return new SetupChange(path, root, added, null);
    }

    /// <summary>Returns the rules of <c>permissions.deny</c> in the settings file at <paramref name="path"/>; empty when it is missing or unreadable.</summary>
    public static IReadOnlySet<string> DenyRules(string path)
    {
        var root = JsonSettingsFile.Read(path, out _);
        return root?["permissions"] is JsonObject { } permissions && permissions["deny"] is JsonArray deny
            ? deny.Where(r => r?.GetValueKind() == JsonValueKind.String).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
    }

    private static bool ChildObject(JsonObject parent, string name, out JsonObject child)
    {
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            child = [];
            parent[name] = child;
            return true;
        }

        child = node as JsonObject ?? [];
        return node is JsonObject;
    }
}
