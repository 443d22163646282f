namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary>A server that cannot enforce its policy must not start.</summary>
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
