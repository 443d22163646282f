namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>Tool calls over the team server: the token decides who the session is and which tools it may call.</summary>
public sealed class HttpToolCallTests(HttpWorld http) : IClassFixture<HttpWorld>
{
    [Fact]
    public async Task ValidToken_ListAndCall_AuditedAsTokenIdentityOverHttp()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "alice", "--project", "checkout");
        await using var client = await http.ConnectAsync(token);

        // Act
        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());

        // Assert
        Assert.Contains(tools, t => t.Name == "describe-instances");
        Assert.NotEqual(true, result.IsError);
        var records = await http.AuditAsync(new() { Tool = "describe-instances" });
        var outcome = Assert.Single(records, r => r.Phase == "outcome" && r.Developer == "alice");
        Assert.Equal(("checkout", "http", "allow"), (outcome.Project, outcome.Transport, outcome.Decision));
    }

    [Fact]
    public async Task TokenWithoutProject_UsesIdentityProject()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "bob");
        await using var client = await http.ConnectAsync(token);

        // Act
        await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());

        // Assert
        var records = await http.AuditAsync(new() { Tool = "describe-instances" });
        Assert.Contains(records, r => r.Developer == "bob" && r.Project == "backend-api");
    }

    [Fact]
    public async Task ScopedToken_OtherTool_DeniedAndAudited()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "carol", "--tools", "describe-instances");
        await using var client = await http.ConnectAsync(token);

        // Act
        var refused = await client.CallToolAsync("get-build-artifact", new Dictionary<string, object?> { ["bucket"] = SandboxWorld.Bucket, ["key"] = "builds/1.0/notes.txt" });
        var allowed = await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());

        // Assert
        Assert.True(refused.IsError);
        Assert.Equal("deny", refused.StructuredContent!.Value.GetProperty("decision").GetString());
        Assert.NotEqual(true, allowed.IsError);
        var records = await http.AuditAsync(new() { Tool = "get-build-artifact" });
        var denied = Assert.Single(records, r => r.Developer == "carol" && r.Phase == "outcome");
        Assert.Equal(("deny", "TokenScope", "http"), (denied.Decision, denied.ErrorCode, denied.Transport));
    }

    [Fact]
    public async Task RevokedMidSession_NextRequestRefused()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "dave");
        await using var client = await http.ConnectAsync(token);
        await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());
        var (exit, _, _) = await SentrelyProcess.RunAsync(http.World, "tokens", "revoke", HttpWorld.IdOf(token), "--config", http.World.ConfigPath);

        // Act
        var call = async () => await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());

        // Assert
        Assert.Equal(0, exit);
        await Assert.ThrowsAnyAsync<Exception>(call);
        Assert.Single(await http.AuditAsync(new() { Tool = "describe-instances" }), r => r.Developer == "dave" && r.Phase == "outcome");
    }
}
