using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary><c>serve --transport http</c> argument checks and <c>sentrely tokens</c>.</summary>
public sealed class HttpCommandTests(SandboxWorld world) : IClassFixture<SandboxWorld>
{
    [Theory]
    [InlineData("http://0.0.0.0:18787")]
    [InlineData("http://*:18787")]
    [InlineData("http://10.1.2.3:18787")]
    [InlineData("http://127.0.0.1:18787;http://192.168.1.5:18787")]
    public async Task InsecureNoAuth_NonLoopbackUrl_Exit2(string urls)
    {
        // Act
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(world, "serve", "--transport", "http", "--insecure-no-auth", "--urls", urls, "--config", world.ConfigPath);

        // Assert
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("loopback", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:18787")]
    [InlineData("127.0.0.1:18787")]
    [InlineData("http://127.0.0.1:18787/mcp")]
    public async Task Serve_UnusableUrl_Exit2(string urls)
    {
        // Act
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(world, "serve", "--transport", "http", "--urls", urls, "--config", world.ConfigPath);

        // Assert
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(urls, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsecureNoAuth_Loopback_ServesWithLocalIdentity()
    {
        // Arrange
        await using var server = await HttpServerProcess.StartAsync(world, "--insecure-no-auth");
        await using var client = await ModelContextProtocol.Client.McpClient.CreateAsync(new ModelContextProtocol.Client.HttpClientTransport(new() { Endpoint = server.McpUri }));

        // Act
        var result = await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());

        // Assert
        Assert.NotEqual(true, result.IsError);
        Assert.Contains(server.Stderr, l => l.Contains("--insecure-no-auth", StringComparison.Ordinal));
        await using var store = new Sentrely.Stores.Sqlite.SqliteAuditStore(world.StorePath, TimeProvider.System);
        var records = new List<Sentrely.Audit.AuditRecord>();
        await foreach (var record in store.ReadAsync(new() { Tool = "describe-instances" }, default))
        {
            records.Add(record);
        }

        Assert.Contains(records, r => r.Phase == "outcome" && r.Developer == "jordan" && r.Project == "backend-api" && r.Transport == "http" && r.Decision == "allow");
    }

    [Fact]
    public async Task Tokens_CreateListRevoke_RoundTripAuditedWithoutSecrets()
    {
        // Act
        var created = await SentrelyProcess.RunAsync(world, "tokens", "create", "--developer", "erin", "--project", "mobile", "--name", "erin laptop", "--expires", "30d",
            "--tools", "describe-*", "get-build-artifact", "--role", "agent", "--role", "reviewer", "--config", world.ConfigPath);
        var token = created.Stdout.Trim();
        var id = HttpWorld.IdOf(token);
        var listed = await SentrelyProcess.RunAsync(world, "tokens", "list", "--json", "--config", world.ConfigPath);
        var revoked = await SentrelyProcess.RunAsync(world, "tokens", "revoke", id, "--config", world.ConfigPath);
        var again = await SentrelyProcess.RunAsync(world, "tokens", "revoke", id, "--config", world.ConfigPath);
        var afterRevoke = await SentrelyProcess.RunAsync(world, "tokens", "list", "--config", world.ConfigPath);

        // Assert
        Assert.True(created.ExitCode == 0, created.Stderr);
        Assert.Equal(0, listed.ExitCode);
        var secret = token[(token.LastIndexOf('_') + 1)..];
        Assert.DoesNotContain(secret, listed.Stdout, StringComparison.Ordinal);
        var line = Assert.Single(listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(id, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(("erin", "mobile", "erin laptop", "active"), (json.RootElement.GetProperty("developer").GetString(), json.RootElement.GetProperty("project").GetString(),
            json.RootElement.GetProperty("name").GetString(), json.RootElement.GetProperty("state").GetString()));
        Assert.Equal(["describe-*", "get-build-artifact"], json.RootElement.GetProperty("tools").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["agent", "reviewer"], json.RootElement.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.False(json.RootElement.TryGetProperty("secretHash", out _));
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains(afterRevoke.Stdout.Split('\n'), l => l.StartsWith(id, StringComparison.Ordinal) && l.Contains("revoked", StringComparison.Ordinal));
        await using var store = new Sentrely.Stores.Sqlite.SqliteAuditStore(world.StorePath, TimeProvider.System);
        var audited = new List<Sentrely.Audit.AuditRecord>();
        await foreach (var record in store.ReadAsync(new() { Tool = "sentrely:tokens" }, default))
        {
            audited.Add(record);
        }

        Assert.Equal(2, audited.Count(r => r.Resources.Contains(id)));
        Assert.All(audited, r => Assert.DoesNotContain(secret, r.Reason ?? "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--developer", "a b")]
    [InlineData("--tools", "delete-everything")]
    [InlineData("--role", "root")]
    [InlineData("--expires", "forever")]
    public async Task TokensCreate_BadArgument_Exit2NothingPrinted(string option, string value)
    {
        // Arrange
        string[] args = option == "--developer" ? [option, value] : ["--developer", "frank", option, value];

        // Act
        var (exit, stdout, _) = await SentrelyProcess.RunAsync(world, ["tokens", "create", .. args, "--config", world.ConfigPath]);

        // Assert
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
    }
}
