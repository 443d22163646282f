using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>Who may use the admin API: a token with the endpoint's role, always (also under <c>--insecure-no-auth</c>), over HTTPS or loopback.</summary>
public sealed class AdminApiAuthorizationTests(AdminApiWorld admin) : IClassFixture<AdminApiWorld>
{
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/admin/v1/approvals" },
        { "POST", "/admin/v1/approvals/apr_abc/approve" },
        { "POST", "/admin/v1/approvals/apr_abc/deny" },
        { "GET", "/admin/v1/sessions" },
        { "POST", "/admin/v1/sessions/kill" },
        { "POST", "/admin/v1/sessions/unkill" },
        { "GET", "/admin/v1/audit" },
        { "GET", "/admin/v1/audit/verify" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AgentOnlyToken_AdminEndpoint_403AndNothingChanges(string method, string path)
    {
        // Arrange
        using var http = Client(await admin.TokenAsync("eve"));
        var before = (await admin.AuditAsync(new())).Count;

        // Act
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(path))
        {
            Content = method == "POST" ? Json("""{"kind":"all","reason":"x"}""") : null,
        });

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, (await admin.AuditAsync(new())).Count);
    }

    [Fact]
    public async Task RoleMismatch_ReviewerOnSessionsAndAdminOnApprovals_Exit1()
    {
        // Arrange
        var reviewer = await admin.TokenAsync("rick", "reviewer");
        var adminToken = await admin.TokenAsync("ops", "admin");

        // Act
        var sessions = await admin.RemoteAsync(reviewer, "sessions", "list");
        var approvals = await admin.RemoteAsync(adminToken, "approvals", "list");

        // Assert
        Assert.Equal((1, 1), (sessions.ExitCode, approvals.ExitCode));
        Assert.Contains("403", sessions.Stderr, StringComparison.Ordinal);
        Assert.Contains("403", approvals.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoOrBadToken_401_CliExit1()
    {
        // Arrange
        using var http = new HttpClient();

        // Act
        using var none = await http.GetAsync(Url("/admin/v1/sessions"));
        using var unknownPath = await http.GetAsync(Url("/admin/v1/tokens"));
        var cli = await admin.RemoteAsync("sntl_tok_abc_def", "audit", "verify");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownPath.StatusCode);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("401", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsecureNoAuthServer_AdminApi_StillNeedsToken()
    {
        // Arrange
        await using var server = await HttpServerProcess.StartAsync(admin.World, "--insecure-no-auth");
        var ops = await admin.TokenAsync("nina", "admin");
        using var http = new HttpClient();

        // Act
        using var anonymous = await http.PostAsync(new Uri(server.BaseUri, "/admin/v1/sessions/kill"), Json("""{"kind":"all"}"""));
        var withToken = await SentrelyProcess.RunAsync(admin.World, "sessions", "list", "--server", server.BaseUri.ToString(), "--token", ops);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True(withToken.ExitCode == 0, withToken.Stderr);
    }

    [Fact]
    public async Task Cli_PlainHttpToNonLoopbackServer_RefusedBeforeSendingToken()
    {
        // Act
        var result = await SentrelyProcess.RunAsync(admin.World, "sessions", "list", "--server", "http://sentrely.example.com", "--token", "sntl_tok_abc_def");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("https://", result.Stderr, StringComparison.Ordinal);
    }

    private Uri Url(string path) => new(admin.Server.BaseUri, path);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static HttpClient Client(string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
