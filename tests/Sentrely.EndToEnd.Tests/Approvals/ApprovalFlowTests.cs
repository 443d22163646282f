using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Sentrely.EndToEnd.Tests.Sessions;
using Sentrely.EndToEnd.Tests.Stdio;
using static Sentrely.EndToEnd.Tests.Approvals.ApprovalWorld;
using static Sentrely.EndToEnd.Tests.Stdio.StdioServerTests;

namespace Sentrely.EndToEnd.Tests.Approvals;

/// <summary>
/// Human approval end to end: a real <c>sentrely serve</c> over stdio, the C# SDK client (with and without the elicitation
/// capability), the <c>sentrely approvals</c> CLI as a separate process, the AWS double, and the audit rows in the SQLite file.
/// terminate-instances needs approval by its manifest; the world's policy allows it on every instance.
/// </summary>
public sealed class ApprovalFlowTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public ApprovalFlowTests(SandboxWorld world) => _world = world;

    private Dictionary<string, object?> Terminate(string instanceId) => Args(("instanceIds", new[] { instanceId }));

    private int Ec2Calls(string action) => _world.Double.Requests.Count(r => r.Action == "ec2:" + action);

    [Fact]
    public async Task Elicitation_Accepted_CallRunsAuditedAsApprovedInTheSession()
    {
        // Arrange
        var asked = new List<ElicitRequestParams>();
        await using var session = await McpClientSession.StartAsync(_world, elicitation: (request, _) =>
        {
            asked.Add(request!);
            return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(true) } });
        });
        var before = Ec2Calls("TerminateInstances");

        // Act
        var result = await session.Client.CallToolAsync("terminate-instances", Terminate(_world.InstanceId));

        // Assert
        Assert.True(result.IsError != true, Text(result));
        Assert.Equal(before + 1, Ec2Calls("TerminateInstances"));
        var prompt = Assert.Single(asked);
        Assert.Contains("jordan's agent asks to run `terminate-instances`", prompt.Message, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:ec2:us-east-1:111122223333:instance/{_world.InstanceId}", prompt.Message, StringComparison.Ordinal);
        Assert.Contains("manifest requires it by default", prompt.Message, StringComparison.Ordinal);
        var sessionId = (await SessionsCli.LiveSessionAsync(_world)).GetProperty("sessionId").GetString()!;
        var rows = await AuditAsync(_world, sessionId, "terminate-instances");
        Assert.Equal([("intent", "approved"), ("outcome", "approved")], rows.Select(r => (r.Phase, r.Decision)));
        Assert.Contains("approved in the session by jordan", rows[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decline", false)]
    [InlineData("accept", false)]
    [InlineData("cancel", false)]
    public async Task Elicitation_NotApproved_RefusedAsRejectedWithoutAwsRequest(string action, bool approve)
    {
        // Arrange
        await using var session = await McpClientSession.StartAsync(_world, elicitation: (_, _) => ValueTask.FromResult(new ElicitResult
        {
            Action = action,
            Content = action == "accept" ? new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(approve) } : null,
        }));
        var before = Ec2Calls("TerminateInstances");

        // Act
        var result = await session.Client.CallToolAsync("terminate-instances", Terminate(_world.OtherInstanceId));

        // Assert
        Assert.True(result.IsError);
        Assert.Equal("rejected", Decision(result));
        Assert.Contains("jordan", Text(result), StringComparison.Ordinal);
        Assert.Equal(before, Ec2Calls("TerminateInstances"));
    }

    [Fact]
    public async Task NoElicitation_CliApproves_SameCallRunsOnce_ChangedArgumentsAndReuseRefused()
    {
        // Arrange: a client without the elicitation capability gets an approval id.
        await using var session = await McpClientSession.StartAsync(_world);
        var pending = await session.Client.CallToolAsync("terminate-instances", Terminate(_world.InstanceId));
        var approvalId = ApprovalId(pending)!;
        var listed = (await ListAsync(_world)).Single(r => r.GetProperty("approvalId").GetString() == approvalId);

        // Act
        var approve = await CliAsync(_world, "approvals", "approve", approvalId, "--reason", "planned cleanup", "--config", ReviewerConfig(_world, "sam"));
        var changed = await session.Client.CallToolAsync("terminate-instances", Terminate(_world.OtherInstanceId));
        var before = Ec2Calls("TerminateInstances");
        var approved = await session.Client.CallToolAsync("terminate-instances", Terminate(_world.InstanceId));
        var after = Ec2Calls("TerminateInstances");
        var reused = await session.Client.CallToolAsync("terminate-instances", Terminate(_world.InstanceId));
        var again = await CliAsync(_world, "approvals", "approve", approvalId, "--config", ReviewerConfig(_world, "sam"));

        // Assert
        Assert.True(pending.IsError);
        Assert.Equal("approval_pending", Decision(pending));
        Assert.Matches("^apr_[a-z0-9]{20}$", approvalId);
        Assert.Contains($"sentrely approvals approve {approvalId} --config {_world.ConfigPath}`", Text(pending), StringComparison.Ordinal);
        Assert.Equal("pending", listed.GetProperty("status").GetString());
        Assert.Equal("terminate-instances", listed.GetProperty("tool").GetString());
        Assert.Equal(_world.InstanceId, listed.GetProperty("arguments").GetProperty("instanceIds")[0].GetString());
        Assert.True(approve.ExitCode == 0, approve.Stderr);
        Assert.Contains($"approved {approvalId}", approve.Stdout, StringComparison.Ordinal);
        Assert.Equal("approval_pending", Decision(changed));
        Assert.NotEqual(approvalId, ApprovalId(changed));
        Assert.True(approved.IsError != true, Text(approved));
        Assert.Equal(before + 1, after);
        Assert.Equal("approval_pending", Decision(reused));
        Assert.NotEqual(approvalId, ApprovalId(reused));
        Assert.Equal(after, Ec2Calls("TerminateInstances"));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already approved by sam and used", again.Stderr, StringComparison.Ordinal);

        var sessionId = await SessionOfAsync(_world, approvalId);
        var decisions = (await AuditAsync(_world, sessionId, "terminate-instances")).Where(r => r.Phase == "intent").Select(r => r.Decision);
        Assert.Equal(["approval_pending", "approval_pending", "approved", "approval_pending"], decisions);
        var verify = await CliAsync(_world, "audit", "verify", "--config", _world.ConfigPath);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
    }

    [Fact]
    public async Task CliDenies_RepeatedCallRefusedWithTheReviewersReason()
    {
        // Arrange
        await using var session = await McpClientSession.StartAsync(_world);
        var pending = await session.Client.CallToolAsync("terminate-instances", Terminate(_world.OtherInstanceId));
        var approvalId = ApprovalId(pending)!;

        // Act
        var deny = await CliAsync(_world, "approvals", "deny", approvalId, "--reason", "that is the staging box", "--config", ReviewerConfig(_world, "sam"));
        var before = Ec2Calls("TerminateInstances");
        var refused = await session.Client.CallToolAsync("terminate-instances", Terminate(_world.OtherInstanceId));

        // Assert
        Assert.True(deny.ExitCode == 0, deny.Stderr);
        Assert.Equal("rejected", Decision(refused));
        Assert.Contains("sam denied", Text(refused), StringComparison.Ordinal);
        Assert.Contains("that is the staging box", Text(refused), StringComparison.Ordinal);
        Assert.Equal(before, Ec2Calls("TerminateInstances"));
    }

    [Fact]
    public async Task ViaReviewer_WithWait_SelfApprovalRefused_AnotherReviewerReleasesTheHeldCall()
    {
        // Arrange: describe-instances held open for a reviewer other than the developer.
        var config = WriteConfig(_world, "via-reviewer.yaml", """
            - id: describe-reviewed
              effect: allow
              tools: [describe-instances]
              approval: { via: reviewer, waitSeconds: 60 }
            """);
        var asked = 0;
        await using var session = await McpClientSession.StartAsync(
            _world,
            elicitation: (_, _) =>
            {
                Interlocked.Increment(ref asked);
                return ValueTask.FromResult(new ElicitResult { Action = "accept" });
            },
            configPath: config);
        var progress = new List<string>();
        var call = session.Client.CallToolAsync(
            "describe-instances",
            Args(("instanceIds", new[] { _world.InstanceId })),
            new Progress<ModelContextProtocol.ProgressNotificationValue>(p => { lock (progress) { progress.Add(p.Message ?? ""); } })).AsTask();
        var request = await WaitForPendingAsync("describe-instances");
        var approvalId = request.GetProperty("approvalId").GetString()!;

        // Act
        var self = await CliAsync(_world, "approvals", "approve", approvalId, "--config", config);
        var heldAfterSelf = !call.IsCompleted;
        var other = await CliAsync(_world, "approvals", "approve", approvalId, "--config", ReviewerConfig(_world, "sam"));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal("reviewer", request.GetProperty("via").GetString());
        Assert.Equal(1, self.ExitCode);
        Assert.Contains("reviewer other than jordan", self.Stderr, StringComparison.Ordinal);
        Assert.True(heldAfterSelf);
        Assert.True(other.ExitCode == 0, other.Stderr);
        Assert.True(result.IsError != true, Text(result));
        Assert.Equal(0, asked);
        lock (progress)
        {
            Assert.Contains(progress, m => m.Contains($"sentrely approvals approve {approvalId}", StringComparison.Ordinal));
        }

        var rows = await AuditAsync(_world, request.GetProperty("sessionId").GetString()!, "describe-instances");
        Assert.Equal([("intent", "approved"), ("outcome", "approved")], rows.Select(r => (r.Phase, r.Decision)));
        Assert.Contains($"approved by sam ({approvalId})", rows[0].Reason, StringComparison.Ordinal);
    }

    private async Task<JsonElement> WaitForPendingAsync(string tool)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = (await ListAsync(_world)).FirstOrDefault(r => r.GetProperty("tool").GetString() == tool && r.GetProperty("status").GetString() == "pending");
            if (found.ValueKind == JsonValueKind.Object)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no pending approval request for {tool} appeared");
    }
}
