using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Stdio;

/// <summary><c>sentrely tools list</c> prints what the manifests declare, from any working directory.</summary>
public sealed class ToolsCommandTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public ToolsCommandTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task ToolsList_Json_AccessRoleAndIamActionsFromManifests()
    {
        var (exit, stdout, _) = await SentrelyProcess.RunAsync(_world, "tools", "list", "--json");

        Assert.Equal(0, exit);
        var tools = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(12, tools.Count);
        Assert.Equal("destructive", tools["terminate-instances"].GetProperty("access").GetString());
        Assert.Equal("required", tools["terminate-instances"].GetProperty("approval").GetString());
        Assert.Equal("deploy", tools["put-build-artifact"].GetProperty("role").GetString());
        Assert.Equal(["s3:PutObject"], tools["put-build-artifact"].GetProperty("iamActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(JsonValueKind.Null, tools["list-permissions"].GetProperty("role").ValueKind);
    }

    [Fact]
    public async Task NoArguments_PrintsHelp()
    {
        var (exit, stdout, _) = await SentrelyProcess.RunAsync(_world);

        Assert.Equal(0, exit);
        Assert.Contains("serve", stdout, StringComparison.Ordinal);
        Assert.Contains("audit", stdout, StringComparison.Ordinal);
    }
}
