using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Sessions;

/// <summary>Runs <c>sentrely sessions …</c> against a world's store.</summary>
internal static class SessionsCli
{
    /// <summary>Returns the sessions <c>sessions list --json</c> prints.</summary>
    public static async Task<JsonElement[]> ListAsync(SandboxWorld world)
    {
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(world, "sessions", "list", "--json", "--config", world.ConfigPath);
        Assert.True(exit == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("sessionId", out _))
            .ToArray();
    }

    /// <summary>Waits until the registry shows exactly one live session and returns it.</summary>
    public static async Task<JsonElement> LiveSessionAsync(SandboxWorld world)
    {
        var live = (await ListAsync(world)).Where(s => s.GetProperty("state").GetString() == "live").ToArray();
        return Assert.Single(live);
    }
}
