using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>OIDC JWTs on the team server: a valid one is a caller like a token's; a wrong issuer, audience, key or lifetime gets 401 and leaves no trace.</summary>
public sealed class HttpJwtTests(JwtWorld jwt) : IClassFixture<JwtWorld>
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    public static TheoryData<string> BadJwts => ["wrong-issuer", "wrong-audience", "other-key", "expired", "no-developer", "unsigned", "garbage"];

    [Fact]
    public async Task ValidJwt_ListAndCall_AuditedAsJwtIdentity()
    {
        // Arrange
        var token = jwt.Mint(new Dictionary<string, object> { ["sub"] = "00u1erin", ["email"] = "erin@example.com", ["team"] = "payments" });
        await using var client = await jwt.ConnectAsync(token);

        // Act
        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());

        // Assert
        Assert.Contains(tools, t => t.Name == "describe-instances");
        Assert.NotEqual(true, result.IsError);
        var records = await jwt.Http.AuditAsync(new() { Tool = "describe-instances" });
        var outcome = Assert.Single(records, r => r.Phase == "outcome" && r.Developer == "erin@example.com");
        Assert.Equal(("payments", "http", "allow"), (outcome.Project, outcome.Transport, outcome.Decision));
    }

    [Fact]
    public async Task JwtWithoutProjectClaim_UsesIdentityProject()
    {
        // Arrange
        var token = jwt.Mint(new Dictionary<string, object> { ["sub"] = "00u1finn", ["email"] = "finn@example.com" });
        await using var client = await jwt.ConnectAsync(token);

        // Act
        await client.CallToolAsync("describe-instances", new Dictionary<string, object?>());

        // Assert
        var records = await jwt.Http.AuditAsync(new() { Tool = "describe-instances" });
        Assert.Contains(records, r => r.Developer == "finn@example.com" && r.Project == "backend-api");
    }

    [Theory]
    [MemberData(nameof(BadJwts))]
    public async Task Mcp_BadJwt_401WithResourceMetadataAndNoAuditRecord(string kind)
    {
        // Arrange
        using var otherKey = RSA.Create(2048);
        var claims = new Dictionary<string, object> { ["sub"] = "00u1mal", ["email"] = "mallory@example.com" };
        var token = kind switch
        {
            "wrong-issuer" => jwt.Mint(claims, issuer: "https://evil.example.test/"),
            "wrong-audience" => jwt.Mint(claims, audience: "https://other.example.test/mcp"),
            "other-key" => jwt.Mint(claims, key: otherKey),
            "expired" => jwt.Mint(claims, expiresIn: TimeSpan.FromMinutes(-10)),
            "no-developer" => jwt.Mint(new Dictionary<string, object> { ["sub"] = "00u1mal" }),
            "unsigned" => Unsigned(jwt.Mint(claims)),
            _ => "eyJhbGciOiJSUzI1NiJ9.not-a-jwt.x",
        };
        var before = (await jwt.Http.AuditAsync()).Count;
        using var client = new HttpClient();

        // Act
        using var response = await client.SendAsync(InitializeRequest($"Bearer {token}"));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal($"resource_metadata=\"{jwt.Server.BaseUri}.well-known/oauth-protected-resource/mcp\"", challenge.Parameter);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Equal(before, (await jwt.Http.AuditAsync()).Count);
    }

    [Fact]
    public async Task Mcp_TokenAndJwtBothConfigured_BothAccepted()
    {
        // Arrange
        var token = await jwt.Http.CreateTokenAsync("--developer", "gina");
        var webToken = jwt.Mint(new Dictionary<string, object> { ["sub"] = "00u1hugo", ["email"] = "hugo@example.com" });
        using var client = new HttpClient();

        // Act
        using var byToken = await client.SendAsync(InitializeRequest($"Bearer {token}"));
        using var byJwt = await client.SendAsync(InitializeRequest($"Bearer {webToken}"));

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (byToken.StatusCode, byJwt.StatusCode));
        Assert.True(byToken.Headers.Contains("Mcp-Session-Id") && byJwt.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task Mcp_JwtWithReviewerRoleOnly_403()
    {
        // Arrange
        var token = jwt.Mint(new Dictionary<string, object> { ["sub"] = "00u1ivy", ["email"] = "ivy@example.com", ["roles"] = new[] { "reviewer" } });
        using var client = new HttpClient();

        // Act
        using var response = await client.SendAsync(InitializeRequest($"Bearer {token}"));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task ResourceMetadata_WithJwt_PublishesIssuer()
    {
        // Arrange
        using var client = new HttpClient();

        // Act
        var text = await client.GetStringAsync(new Uri(jwt.Server.BaseUri, "/.well-known/oauth-protected-resource/mcp"));

        // Assert
        using var document = JsonDocument.Parse(text);
        Assert.Equal([JwtWorld.Issuer], document.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("absent.json")]
    [InlineData("garbage.json")]
    public async Task Serve_UnusableJwksFile_ExitsWithConfigErrorBeforeListening(string file)
    {
        // Arrange
        var folder = Path.Combine(jwt.Http.World.Folder, "config");
        await File.WriteAllTextAsync(Path.Combine(folder, "garbage.json"), "{\"keys\": 42}");
        var config = Path.Combine(folder, $"bad-{file}.yaml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(jwt.Http.World.ConfigPath)).Replace("jwks.json", file, StringComparison.Ordinal));

        // Act
        var (exit, _, stderr) = await SentrelyProcess.RunAsync(jwt.Http.World, "serve", "--transport", "http", "--urls", "http://127.0.0.1:9", "--config", config);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("server.auth.jwt.jwksFile", stderr, StringComparison.Ordinal);
    }

    // The same claims with "alg": "none" and no signature.
    private static string Unsigned(string signed)
    {
        var parts = signed.Split('.');
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{header}.{parts[1]}.";
    }

    private HttpRequestMessage InitializeRequest(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, jwt.Server.McpUri) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }
}
