using ModelContextProtocol.Client;

namespace Sentrely.EndToEnd.Tests.Limits;

/// <summary>Configurations with rate and cost limits over a <see cref="SandboxWorld"/>, each with a store of its own, and calls that count against them.</summary>
internal static class LimitsWorld
{
    /// <summary>
    /// Writes the world's configuration with a fresh store, <paramref name="rateLimits"/> (YAML list items) and <paramref name="ec2"/>
    /// (YAML keys) to a new file, or over the world's own with <paramref name="inPlace"/>; returns its path.
    /// </summary>
    public static async Task<string> WriteConfigAsync(SandboxWorld world, string rateLimits, string? ec2 = null, bool inPlace = false)
    {
        var path = inPlace ? world.ConfigPath : Path.Combine(world.Folder, "config", $"limits-{Guid.NewGuid():N}.yaml");
        var store = Path.Combine(world.Folder, "state", $"limits-{Guid.NewGuid():N}.db");
        var text = (await File.ReadAllTextAsync(world.ConfigPath)).Replace(world.StorePath, store, StringComparison.Ordinal)
            + "  rateLimits:\n" + string.Concat(rateLimits.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n"))
            + (ec2 is null ? "" : "limits:\n  ec2:\n" + string.Concat(ec2.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n")));
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    /// <summary>Reads a build artifact: a call that vends credentials, so rate limits count it.</summary>
    public static async Task<string?> ReadAsync(McpClient client) =>
        Decision(await client.CallToolAsync("get-build-artifact", Args(("bucket", SandboxWorld.Bucket), ("key", "builds/1.0/notes.txt"))));

    /// <summary>Launches one t3.micro.</summary>
    public static async Task<string?> LaunchAsync(McpClient client) =>
        Decision(await client.CallToolAsync("run-instances", Args(("imageId", SandboxWorld.Image), ("instanceType", "t3.micro"), ("count", 1), ("subnetId", SandboxWorld.Subnet))));

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);

    // "allow" for a call that went through, else the refusal's decision.
    private static string? Decision(ModelContextProtocol.Protocol.CallToolResult result) =>
        result.IsError == true ? result.StructuredContent?.GetProperty("decision").GetString() : "allow";
}
