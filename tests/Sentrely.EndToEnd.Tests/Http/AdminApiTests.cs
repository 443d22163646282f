using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>The admin API under <c>/admin/v1/</c> and the operator commands' <c>--server</c>/<c>--token</c> mode against a real team server.</summary>
public sealed class AdminApiTests(AdminApiWorld admin) : IClassFixture<AdminApiWorld>
{
    private static readonly Dictionary<string, object?> NoArgs = [];

    [Fact]
    public async Task Reviewer_ListsAndApprovesOverApi_AgentRepeatedCallRuns()
    {
        // Arrange
        await using var agent = await admin.ConnectAsync(await admin.TokenAsync("alice"));
        var reviewer = await admin.TokenAsync("rita", "reviewer");
        var pending = await agent.CallToolAsync("describe-instances", NoArgs);
        var id = AdminApiWorld.ApprovalId(pending)!;

        // Act
        var list = await admin.RemoteAsync(reviewer, "approvals", "list", "--json");
        var text = await admin.RemoteAsync(reviewer, "approvals", "list");
        var approve = await admin.RemoteAsync(reviewer, "approvals", "approve", id, "--reason", "looks fine");
        var repeated = await agent.CallToolAsync("describe-instances", NoArgs);

        // Assert
        Assert.Equal("approval_pending", AdminApiWorld.Decision(pending));
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains(list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonDocument.Parse(l).RootElement.GetProperty("approvalId").GetString() == id);
        Assert.Contains($"{id}  pending  describe-instances  for alice/", text.Stdout, StringComparison.Ordinal);
        Assert.True(approve.ExitCode == 0, approve.Stderr);
        Assert.StartsWith($"approved {id}", approve.Stdout, StringComparison.Ordinal);
        Assert.True(repeated.IsError != true, repeated.StructuredContent?.ToString());
        var records = await admin.AuditAsync(new() { Tool = "sentrely:approvals" });
        var outcome = Assert.Single(records, r => r.Phase == "outcome" && r.Resources.Contains(id));
        Assert.Equal(("rita", "operator", "http", "ok"), (outcome.Developer, outcome.Actor, outcome.Transport, outcome.Outcome));
    }

    [Fact]
    public async Task Reviewer_DeniesOverApi_AgentRefused_UnknownIdExit1()
    {
        // Arrange
        await using var agent = await admin.ConnectAsync(await admin.TokenAsync("dora"));
        var reviewer = await admin.TokenAsync("ravi", "reviewer");
        var id = AdminApiWorld.ApprovalId(await agent.CallToolAsync("describe-instances", NoArgs))!;

        // Act
        var deny = await admin.RemoteAsync(reviewer, "approvals", "deny", id, "--reason", "not today");
        var again = await admin.RemoteAsync(reviewer, "approvals", "approve", id);
        var unknown = await admin.RemoteAsync(reviewer, "approvals", "approve", "apr_doesnotexist");
        var repeated = await agent.CallToolAsync("describe-instances", NoArgs);

        // Assert
        Assert.True(deny.ExitCode == 0, deny.Stderr);
        Assert.Equal((1, 1), (again.ExitCode, unknown.ExitCode));
        Assert.Contains("already denied by ravi", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("no approval request apr_doesnotexist", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal("rejected", AdminApiWorld.Decision(repeated));
    }

    [Fact]
    public async Task Reviewer_SameDeveloperAsRequester_SelfApprovalRefused403AndAudited()
    {
        // Arrange
        await using var agent = await admin.ConnectAsync(await admin.TokenAsync("sam"));
        var selfReviewer = await admin.TokenAsync("SAM", "reviewer");
        var id = AdminApiWorld.ApprovalId(await agent.CallToolAsync("describe-instances", NoArgs))!;
        using var http = Client(selfReviewer);

        // Act
        var cli = await admin.RemoteAsync(selfReviewer, "approvals", "approve", id);
        using var raw = await http.PostAsync(Url($"/admin/v1/approvals/{id}/approve"), Json("{}"));
        var repeated = await agent.CallToolAsync("describe-instances", NoArgs);

        // Assert
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("reviewer other than sam", cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, raw.StatusCode);
        Assert.Equal("approval_pending", AdminApiWorld.Decision(repeated));
        var refused = (await admin.AuditAsync(new() { Tool = "sentrely:approvals" })).Where(r => r.Phase == "outcome" && r.Resources.Contains(id)).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r => Assert.Equal(("SAM", "SelfApproval"), (r.Developer, r.ErrorCode)));
    }

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
    public async Task Admin_KillsSessionViaCli_NextCallRefusedKilled_UnkillResumes()
    {
        // Arrange
        await using var agent = await admin.ConnectAsync(await admin.TokenAsync("kim"));
        var ops = await admin.TokenAsync("olga", "admin");
        await agent.CallToolAsync("list-permissions", NoArgs);
        var sessionId = (await admin.AuditAsync(new() { Tool = "list-permissions" })).Single(r => r.Developer == "kim" && r.Phase == "outcome").SessionId;

        // Act
        var kill = await admin.RemoteAsync(ops, "sessions", "kill", sessionId, "--reason", "incident 42");
        var list = await admin.RemoteAsync(ops, "sessions", "list");
        var refused = await agent.CallToolAsync("list-permissions", NoArgs);
        var unkill = await admin.RemoteAsync(ops, "sessions", "unkill", sessionId);
        var resumed = await agent.CallToolAsync("list-permissions", NoArgs);

        // Assert
        Assert.True(kill.ExitCode == 0, kill.Stderr);
        Assert.StartsWith($"killed session:{sessionId}", kill.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{sessionId}  live   KILLED kim/", list.Stdout, StringComparison.Ordinal);
        Assert.Equal("killed", AdminApiWorld.Decision(refused));
        Assert.True(unkill.ExitCode == 0, unkill.Stderr);
        Assert.True(resumed.IsError != true);
        var records = await admin.AuditAsync(new() { Tool = "sentrely:sessions", SessionId = sessionId });
        Assert.Equal([("killed", "olga"), ("allow", "olga")], records.Select(r => (r.Decision, r.Developer)));
        Assert.All(records, r => Assert.Equal(("operator", "http"), (r.Actor, r.Transport)));
    }

    [Fact]
    public async Task Admin_AuditQueryAndVerifyOverApi_SameAsStore()
    {
        // Arrange
        var ops = await admin.TokenAsync("vera", "admin");
        await admin.RemoteAsync(ops, "sessions", "kill", "--developer", "nobody-at-all");

        // Act
        var verify = await admin.RemoteAsync(ops, "audit", "verify");
        var query = await admin.RemoteAsync(ops, "audit", "query", "--tool", "sentrely:sessions", "--json");

        // Assert
        Assert.True(verify.ExitCode == 0, verify.Stderr);
        Assert.StartsWith("ok: ", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("chain intact", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("not set on the server", verify.Stdout, StringComparison.Ordinal);
        var local = (await admin.AuditAsync(new() { Tool = "sentrely:sessions" })).Select(Sentrely.Audit.AuditJson.ToJsonLine);
        Assert.Equal(local, query.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(query.Stdout.Split('\n'), l => l.Contains("developer:nobody-at-all", StringComparison.Ordinal));
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
