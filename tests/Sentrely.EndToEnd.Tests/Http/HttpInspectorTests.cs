using System.Text.Json;
using Sentrely.EndToEnd.Tests.Clients;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>The MCP Inspector CLI against the team server over streamable HTTP, the bearer token passed with <c>--header</c>.</summary>
public sealed class HttpInspectorTests(HttpWorld http) : IClassFixture<HttpWorld>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("sentrely-inspector-http-").FullName;

    [Fact]
    public async Task InspectorHttp_ValidToken_ListsToolsAndCallsDescribeInstances_AuditedAsTokenIdentity()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "inspector-user", "--project", "inspected");

        // Act
        var list = await InspectAsync(token, expectSuccess: true, "--method", "tools/list");
        var call = await InspectAsync(token, expectSuccess: true, "--method", "tools/call", "--tool-name", "describe-instances");

        // Assert
        Assert.Contains(list.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "describe-instances");
        Assert.False(call.GetProperty("isError").GetBoolean());
        Assert.Equal(JsonValueKind.Object, call.GetProperty("structuredContent").ValueKind);
        var records = await http.AuditAsync(new() { Tool = "describe-instances" });
        var outcome = Assert.Single(records, r => r.Phase == "outcome" && r.Developer == "inspector-user");
        Assert.Equal(("inspected", "http", "allow"), (outcome.Project, outcome.Transport, outcome.Decision));
    }

    [Fact]
    public async Task InspectorHttp_WrongToken_Fails_NoToolCallAudited()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "inspector-wrong");
        var wrong = token[..^4] + "xxxx";

        // Act
        var (exit, stdout, _) = await RunAsync(wrong, "--method", "tools/call", "--tool-name", "describe-instances");

        // Assert
        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("\"structuredContent\"", stdout, StringComparison.Ordinal);
        var records = await http.AuditAsync(new() { Tool = "describe-instances" });
        Assert.DoesNotContain(records, r => r.Developer == "inspector-wrong" && r.Decision == "allow");
    }

    private async Task<JsonElement> InspectAsync(string token, bool expectSuccess, params string[] method)
    {
        var (exit, stdout, stderr) = await RunAsync(token, method);
        Assert.True(expectSuccess ? exit == 0 : exit != 0, stdout + stderr);
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string token, params string[] method) =>
        TestTools.RunAsync(
            _home,
            _home,
            TestTools.Inspector,
            ["--cli", http.Server.McpUri.ToString(), "--transport", "http", "--header", $"Authorization: Bearer {token}", .. method],
            TestTools.Node22Bin);

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
