using Sentrely.EndToEnd.Tests.Clients;

namespace Sentrely.EndToEnd.Tests.Setup;

/// <summary><c>setup claude-code --scope user</c> with the real Claude Code from tests/tools on PATH.</summary>
public sealed class ClaudeCodeUserScopeTests : IDisposable
{
    private readonly SetupWorld _world = new();

    [Fact]
    public async Task SetupClaudeCode_UserScopeWithClaude_RegistersServerThatClaudeReportsConnected()
    {
        // Arrange
        var bin = Path.GetDirectoryName(TestTools.Claude)!;

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--scope", "user", "--sandbox"], pathPrefix: bin);
        var again = await _world.RunAsync(["setup", "claude-code", "--scope", "user", "--sandbox"], pathPrefix: bin);
        var (_, list, _) = await TestTools.RunAsync(_world.Home, _world.Project, TestTools.Claude, ["mcp", "list"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("✔ ran: claude mcp add --scope user sentrely --", stdout, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("already registered in user scope, unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.Contains(list.Split('\n'), l => l.StartsWith("sentrely:", StringComparison.Ordinal) && l.Contains("✔ Connected", StringComparison.Ordinal));
        Assert.Contains("Bash(aws *)", SetupWorld.DenyRules(_world.UserSettings));
    }

    public void Dispose() => _world.Dispose();
}
