using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Clients;

/// <summary>The MCP Inspector CLI (which validates structured content against output schemas) against the sandbox server.</summary>
public sealed class InspectorTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("sentrely-inspector-").FullName;

    [Fact]
    public async Task Inspector_ListsToolsAndCallsListPermissions_RefusalsAreToolErrors()
    {
        var list = await InspectAsync(toolError: false, "--method", "tools/list");
        var permissions = await InspectAsync(toolError: false, "--method", "tools/call", "--tool-name", "list-permissions");
        var refused = await InspectAsync(toolError: true, "--method", "tools/call", "--tool-name", "get-build-artifact", "--tool-arg", "bucket=acme-deployments", "key=builds/*");

        Assert.Equal(12, list.GetProperty("tools").GetArrayLength());
        Assert.False(permissions.GetProperty("isError").GetBoolean());
        Assert.Contains(permissions.GetProperty("structuredContent").GetProperty("tools").EnumerateArray(), t => t.GetProperty("tool").GetString() == "list-permissions");
        Assert.True(refused.GetProperty("isError").GetBoolean());
        Assert.Equal("deny", refused.GetProperty("structuredContent").GetProperty("decision").GetString());
    }

    // The Inspector CLI exits non-zero (5) when a tool result has isError: true; the result is still printed.
    private async Task<JsonElement> InspectAsync(bool toolError, params string[] method)
    {
        var (exit, stdout, stderr) = await TestTools.RunAsync(
            _home, _home, TestTools.Inspector, ["--cli", SentrelyProcess.Command, .. SentrelyProcess.Arguments("serve", "--sandbox"), .. method], TestTools.Node22Bin);
        Assert.True(toolError ? exit != 0 : exit == 0, stdout + stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
