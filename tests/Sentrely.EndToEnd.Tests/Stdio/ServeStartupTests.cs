using System.Runtime.Versioning;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>A server that cannot enforce its policy must not start.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ServeStartupTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public ServeStartupTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Serve_ConfigUnderWorkingDirectory_RefusesWithExit2()
    {
        var inside = Path.Combine(_world.WorkFolder, "sentrely.yaml");
        File.Copy(_world.ConfigPath, inside, overwrite: true);

        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, "serve", "--config", inside);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("where the agent can edit it", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    public async Task Serve_ConfigWritableByOthers_RefusesWithExit2AndChmod(UnixFileMode extra)
    {
        // Arrange
        var shared = Path.Combine(_world.Folder, "config", $"shared-{extra}.yaml");
        File.Copy(_world.ConfigPath, shared, overwrite: true);
        File.SetUnixFileMode(shared, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead | extra);

        // Act
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, "serve", "--config", shared);

        // Assert
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("SEN1080", stderr, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w '{shared}'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ConfigFolderWritableByOthers_RefusesWithExit2AndChmod()
    {
        // Arrange
        var folder = Path.Combine(_world.Folder, "shared-folder");
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "sentrely.yaml");
        File.Copy(_world.ConfigPath, config, overwrite: true);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        // Act
        var (exit, _, stderr) = await SentrelyProcess.RunAsync(_world, "serve", "--config", config);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains($"chmod go-w '{folder}'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MisspeltKey_Exit2NamingFileLineAndField()
    {
        var bad = Path.Combine(_world.Folder, "config", "bad.yaml");
        await File.WriteAllTextAsync(bad, "aws:\n  accountId: \"111122223333\"\npolicy:\n  rules:\n    - id: never-prod\n      effect: deny\n      tools: [\"*\"]\n      resource: [\"arn:aws:*:*:*:*prod*\"]\n");

        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, "serve", "--config", bad);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("bad.yaml:8:", stderr, StringComparison.Ordinal);
        Assert.Contains("policy.rules[0].resource", stderr, StringComparison.Ordinal);
        Assert.Contains("resources", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_NoConfiguration_Exit2WithHowToFix()
    {
        var (exit, _, stderr) = await SentrelyProcess.RunAsync(_world, "serve");

        Assert.Equal(2, exit);
        Assert.Contains("no configuration found", stderr, StringComparison.Ordinal);
    }
}
