using System.Text.Json;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests;

/// <summary>The files users copy from the repository stay valid.</summary>
public sealed class RepositoryFilesTests
{
    [Fact]
    public void ClaudeDesktopExample_IsValidJsonLaunchingServe()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "claude_desktop_config.example.json")));

        var server = doc.RootElement.GetProperty("mcpServers").GetProperty("sentrely");

        Assert.EndsWith("sentrely", server.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.Equal(["serve"], server.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void Repository_HasNoLaunchSettings()
    {
        var found = Directory.EnumerateFiles(RepositoryRoot.Path, "launchSettings.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("node_modules", StringComparison.Ordinal));

        Assert.Empty(found);
    }
}
