using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>Every request to <c>/mcp</c> needs a valid bearer token; a refused one gets 401 with the RFC 9728 pointer and leaves no trace.</summary>
public sealed class HttpAuthenticationTests(HttpWorld http) : IClassFixture<HttpWorld>
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    public static TheoryData<string> BadTokens => ["none", "malformed", "not-ours", "unknown", "wrong-secret", "expired", "revoked"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Mcp_BadToken_401WithResourceMetadataAndNoAuditRecord(string kind)
    {
        // Arrange
        var authorization = await AuthorizationAsync(kind);
        var before = (await http.AuditAsync()).Count;
        using var client = new HttpClient();

        // Act
        using var response = await client.SendAsync(InitializeRequest(authorization));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal($"resource_metadata=\"{http.Server.BaseUri}.well-known/oauth-protected-resource/mcp\"", challenge.Parameter);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Equal(before, (await http.AuditAsync()).Count);
    }

    [Fact]
    public async Task ResourceMetadata_Published_Rfc9728()
    {
        // Arrange
        using var client = new HttpClient();

        // Act
        var text = await client.GetStringAsync(new Uri(http.Server.BaseUri, "/.well-known/oauth-protected-resource/mcp"));

        // Assert
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(http.Server.McpUri.ToString(), root.GetProperty("resource").GetString());
        Assert.Equal(["header"], root.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Sentrely", root.GetProperty("resource_name").GetString());
    }

    [Fact]
    public async Task Mcp_ReviewerOnlyToken_403NoSession()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "rita", "--role", "reviewer");
        using var client = new HttpClient();

        // Act
        using var response = await client.SendAsync(InitializeRequest($"Bearer {token}"));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task Mcp_ValidToken_SessionIssued()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "vera");
        using var client = new HttpClient();

        // Act
        using var response = await client.SendAsync(InitializeRequest($"Bearer {token}"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Mcp-Session-Id"));
    }

    private HttpRequestMessage InitializeRequest(string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, http.Server.McpUri) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private async Task<string?> AuthorizationAsync(string kind)
    {
        switch (kind)
        {
            case "none":
                return null;
            case "malformed":
                return "Bearer";
            case "not-ours":
                return "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl";
            case "unknown":
                return $"Bearer {Sentrely.Auth.ApiTokenSecrets.Create().Token}";
            case "wrong-secret":
                var real = await http.CreateTokenAsync("--developer", "wendy");
                return $"Bearer sntl_{HttpWorld.IdOf(real)}_{new string('x', 43)}";
            case "expired":
                return $"Bearer {await http.StoreTokenAsync(TimeProvider.System.GetUtcNow().AddHours(-1))}";
            default:
                var revoked = await http.CreateTokenAsync("--developer", "rex");
                var (exit, _, stderr) = await SentrelyProcess.RunAsync(http.World, "tokens", "revoke", HttpWorld.IdOf(revoked), "--config", http.World.ConfigPath);
                Assert.True(exit == 0, stderr);
                return $"Bearer {revoked}";
        }
    }
}
