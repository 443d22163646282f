namespace Sentrely.EndToEnd.Tests.Clients;

/// <summary>Claude Code's own health check (initialize, initialized, tools/list) against the real server in sandbox mode.</summary>
public sealed class ClaudeCodeTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("sentrely-claude-").FullName;

    [Fact]
    public async Task ClaudeMcpList_SandboxServer_Connected_BrokenServer_NotConnected()
    {
        var project = Directory.CreateDirectory(Path.Combine(_home, "project")).FullName;
        var add = await TestTools.RunAsync(_home, project, TestTools.Claude, ["mcp", "add", "sentrely", "--", SentrelyProcess.Command, .. SentrelyProcess.Arguments("serve", "--sandbox")]);
        var addBroken = await TestTools.RunAsync(_home, project, TestTools.Claude, ["mcp", "add", "broken", "--", SentrelyProcess.Command, .. SentrelyProcess.Arguments("serve", "--config", "/nonexistent.yaml")]);

        var (_, list, _) = await TestTools.RunAsync(_home, project, TestTools.Claude, ["mcp", "list"]);

        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.True(addBroken.ExitCode == 0, addBroken.Stderr);
        var lines = list.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("sentrely:", StringComparison.Ordinal) && l.Contains("✔ Connected", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("broken:", StringComparison.Ordinal) && !l.Contains("✔ Connected", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
