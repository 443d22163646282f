using ModelContextProtocol.Protocol;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>
/// On the team server the client answering an elicitation is the token holder's own agent, so by default
/// (<c>server.approvals.inSession: false</c>) nothing is elicited: the call gets an approval id, and only a reviewer other
/// than the caller can approve it.
/// </summary>
public sealed class HttpApprovalTests(HttpApprovalTests.World http) : IClassFixture<HttpApprovalTests.World>
{
    private const string Rules = """
        - id: describe-confirmed
          effect: allow
          tools: [describe-instances]
          approval: required
        """;

    private static readonly Dictionary<string, object?> NoArgs = [];

    [Fact]
    public async Task RequiredApproval_ClientCanElicit_NotAskedApprovalIdInstead()
    {
        // Arrange: an agent whose client says yes to anything it is asked.
        var asked = 0;
        var token = await http.Http.CreateTokenAsync("--developer", "amir");
        await using var client = await http.Http.ConnectAsync(token, elicitation: (_, _) =>
        {
            Interlocked.Increment(ref asked);
            return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, System.Text.Json.JsonElement> { ["approve"] = System.Text.Json.JsonDocument.Parse("true").RootElement } });
        });

        // Act
        var result = await client.CallToolAsync("describe-instances", NoArgs);

        // Assert
        Assert.Equal(0, asked);
        Assert.Equal("approval_pending", AdminApiWorld.Decision(result));
        Assert.StartsWith("apr_", AdminApiWorld.ApprovalId(result), StringComparison.Ordinal);
        Assert.Contains("a reviewer other than amir", result.StructuredContent!.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequiredApproval_TokenApprovesItsOwnRequest_RefusedOtherReviewerApproves()
    {
        // Arrange: one token that is both the agent and a reviewer.
        var both = await http.Http.CreateTokenAsync("--developer", "bea", "--role", "agent", "--role", "reviewer");
        var reviewer = await http.Http.CreateTokenAsync("--developer", "rita", "--role", "reviewer");
        await using var client = await http.Http.ConnectAsync(both);
        var id = AdminApiWorld.ApprovalId(await client.CallToolAsync("describe-instances", NoArgs))!;

        // Act
        var self = await http.Http.RemoteAsync(both, "approvals", "approve", id);
        var other = await http.Http.RemoteAsync(reviewer, "approvals", "approve", id);
        var repeated = await client.CallToolAsync("describe-instances", NoArgs);

        // Assert
        Assert.Equal(1, self.ExitCode);
        Assert.Contains("reviewer other than bea", self.Stderr, StringComparison.Ordinal);
        Assert.True(other.ExitCode == 0, other.Stderr);
        Assert.NotEqual(true, repeated.IsError);
        var intent = (await http.Http.AuditAsync(new() { Tool = "describe-instances" })).Last(r => r.Developer == "bea" && r.Phase == "intent");
        Assert.Equal("approved", intent.Decision);
        Assert.Contains("approved by rita", intent.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InSessionTrue_ClientAccepts_CallRuns()
    {
        // Arrange
        var world = await HttpWorld.StartAsync(Rules, _ => """
            server:
              approvals:
                inSession: true
            """);
        try
        {
            await using var client = await world.ConnectAsync(await world.CreateTokenAsync("--developer", "ivo"), elicitation: (_, _) =>
                ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, System.Text.Json.JsonElement> { ["approve"] = System.Text.Json.JsonDocument.Parse("true").RootElement } }));

            // Act
            var result = await client.CallToolAsync("describe-instances", NoArgs);

            // Assert
            Assert.NotEqual(true, result.IsError);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    /// <summary>A team server whose policy needs an approval before describe-instances (via session, the default).</summary>
    public sealed class World : IAsyncLifetime
    {
        public HttpWorld Http { get; } = new(Rules, null);

        public Task InitializeAsync() => Http.InitializeAsync();

        public Task DisposeAsync() => Http.DisposeAsync();
    }
}
