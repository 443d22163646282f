using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Protocol;

namespace Sentrely.EndToEnd.Tests.Approvals;

/// <summary>What the approval end-to-end tests share: configurations, the <c>approvals</c> CLI and the audit rows, read from the real files.</summary>
internal static class ApprovalWorld
{
    /// <summary>Writes a configuration next to the world's with <paramref name="rules"/> as the policy and <paramref name="extra"/> appended.</summary>
    public static string WriteConfig(SandboxWorld world, string name, string rules, string extra = "", string developer = "jordan")
    {
        var text = world.ConfigWithRules(rules).Replace("developer: jordan", $"developer: {developer}", StringComparison.Ordinal) + extra;
        var path = Path.Combine(world.Folder, "config", name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes the world's own policy with <c>identity.developer</c> changed: a reviewer's configuration.</summary>
    public static string ReviewerConfig(SandboxWorld world, string developer)
    {
        var path = Path.Combine(world.Folder, "config", $"reviewer-{developer}.yaml");
        File.WriteAllText(path, File.ReadAllText(world.ConfigPath).Replace("developer: jordan", $"developer: {developer}", StringComparison.Ordinal));
        return path;
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(SandboxWorld world, params string[] args) =>
        SentrelyProcess.RunAsync(world, args);

    /// <summary>Returns the requests of <c>approvals list --all --json</c>.</summary>
    public static async Task<List<JsonElement>> ListAsync(SandboxWorld world)
    {
        var (exit, stdout, stderr) = await CliAsync(world, "approvals", "list", "--all", "--json", "--config", world.ConfigPath);
        Assert.True(exit == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    /// <summary>Returns (phase, decision, reason) of every record of <paramref name="tool"/> in <paramref name="sessionId"/>, in order.</summary>
    public static async Task<List<(string Phase, string Decision, string Reason)>> AuditAsync(SandboxWorld world, string sessionId, string tool)
    {
        await using var connection = new SqliteConnection($"Data Source={world.StorePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT phase, decision, COALESCE(reason, '') FROM audit_records WHERE sessionId = $s AND tool = $t ORDER BY seq;";
        command.Parameters.AddWithValue("$s", sessionId);
        command.Parameters.AddWithValue("$t", tool);
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>Returns the session id of the newest approval request for <paramref name="approvalId"/>.</summary>
    public static async Task<string> SessionOfAsync(SandboxWorld world, string approvalId) =>
        (await ListAsync(world)).Single(r => r.GetProperty("approvalId").GetString() == approvalId).GetProperty("sessionId").GetString()!;

    public static string Decision(CallToolResult result) => result.StructuredContent!.Value.GetProperty("decision").GetString()!;

    public static string? ApprovalId(CallToolResult result) =>
        result.StructuredContent!.Value.TryGetProperty("approvalId", out var id) ? id.GetString() : null;

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
