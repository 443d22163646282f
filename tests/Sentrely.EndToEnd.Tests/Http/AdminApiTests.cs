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

    private Uri Url(string path) => new(admin.Server.BaseUri, path);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static HttpClient Client(string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
