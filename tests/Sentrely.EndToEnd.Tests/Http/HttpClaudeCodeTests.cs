using Sentrely.EndToEnd.Tests.Clients;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>Claude Code's own health check against the team server: connected with a valid token, failed with a wrong one.</summary>
public sealed class HttpClaudeCodeTests(HttpWorld http) : IClassFixture<HttpWorld>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("sentrely-claude-http-").FullName;

    [Fact]
    public async Task ClaudeMcpList_ValidToken_Connected_WrongToken_NotConnected()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "claude-user");
        var project = Directory.CreateDirectory(Path.Combine(_home, "project")).FullName;
        var url = http.Server.McpUri.ToString();
        var add = await TestTools.RunAsync(_home, project, TestTools.Claude, ["mcp", "add", "--transport", "http", "sentrely", url, "--header", $"Authorization: Bearer {token}"]);
        var addWrong = await TestTools.RunAsync(_home, project, TestTools.Claude, ["mcp", "add", "--transport", "http", "wrong", url, "--header", $"Authorization: Bearer {token[..^4]}xxxx"]);

        // Act
        var (_, list, _) = await TestTools.RunAsync(_home, project, TestTools.Claude, ["mcp", "list"]);

        // Assert
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.True(addWrong.ExitCode == 0, addWrong.Stderr);
        var lines = list.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("sentrely:", StringComparison.Ordinal) && l.Contains("✔ Connected", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("wrong:", StringComparison.Ordinal) && !l.Contains("✔ Connected", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
