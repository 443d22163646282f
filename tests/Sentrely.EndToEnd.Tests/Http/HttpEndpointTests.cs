using System.Net;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>DNS-rebinding protection and the probes of the team server.</summary>
public sealed class HttpEndpointTests(HttpWorld http) : IClassFixture<HttpWorld>
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/mcp")]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    public async Task ForeignHost_400BeforeAnythingElse(string path)
    {
        // Arrange
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(http.Server.BaseUri, path));
        request.Headers.Host = "attacker.example";

        // Act
        using var response = await client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData("http://attacker.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1.attacker.example:8787")]
    public async Task ForeignOrigin_403BeforeAnythingElse(string origin)
    {
        // Arrange
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, http.Server.McpUri);
        request.Headers.Add("Origin", origin);

        // Act
        using var response = await client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task LoopbackOrigin_PassesToAuthentication()
    {
        // Arrange
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, http.Server.McpUri);
        request.Headers.Add("Origin", $"http://localhost:{http.Server.Port}");

        // Act
        using var response = await client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz", "ok")]
    [InlineData("/readyz", "ready")]
    public async Task Probes_Answer200WithoutToken(string path, string body)
    {
        // Arrange
        using var client = new HttpClient();

        // Act
        using var response = await client.GetAsync(new Uri(http.Server.BaseUri, path));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public void Start_PrivateHome_NoDataProtectionKeyWrittenAndNoWarning()
    {
        // Arrange: the server runs with HOME set to the world's folder (see SandboxWorld.ServerEnvironment).
        var keys = Path.Combine(http.World.Folder, ".aspnet");

        // Act
        var log = string.Join('\n', http.Server.Stderr);

        // Assert
        Assert.False(Directory.Exists(keys), $"{keys} was created");
        Assert.DoesNotContain("DataProtection", log, StringComparison.Ordinal);
        Assert.DoesNotContain("unencrypted", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body25MB_RefusedBeforeParsing_MemoryStaysBounded()
    {
        // Arrange
        var token = await http.CreateTokenAsync("--developer", "maxi");
        using var client = new HttpClient();
        var session = await RawMcp.OpenWithCallAsync(client, http.Server.McpUri, token);
        var body = HttpSessionLimitsTests.Call(5, new string('a', 25 * 1000 * 1000));
        var before = http.Server.WorkingSet;

        // Act
        using var request = RawMcp.Post(http.Server.McpUri, token, RawMcp.Json(body), session);
        using var response = await client.SendAsync(request);
        var after = http.Server.WorkingSet;

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("\"code\":-32600", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(after - before < 100L * 1024 * 1024, $"the server grew by {(after - before) / (1024 * 1024)} MB");
    }
}
