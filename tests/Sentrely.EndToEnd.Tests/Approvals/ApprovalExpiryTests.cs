using Microsoft.Extensions.Time.Testing;
using Sentrely.Approval;
using Sentrely.Configuration;
using Sentrely.EndToEnd.Tests.InProcess;
using Sentrely.Pipeline;
using Sentrely.Stores.Sqlite;

namespace Sentrely.EndToEnd.Tests.Approvals;

/// <summary>Expiry through the production composition (SQLite store, real stages, the AWS double) on a fake clock.</summary>
public sealed class ApprovalExpiryTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public ApprovalExpiryTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task ApprovedCall_RepeatedAfterTheApprovalExpired_RefusedWithANewRequest_InTimeRuns()
    {
        // Arrange
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var sentrely = await InProcessSentrely.StartAsync(_world, time: time);
        var review = new ApprovalReview(sentrely.Runtime.Store.Approvals, time);
        var terminate = $$"""{"instanceIds":["{{_world.InstanceId}}"]}""";
        var first = await sentrely.CallAsync("terminate-instances", terminate);
        await review.DecideAsync(first.ApprovalId!, approve: true, "sam", null, ApprovalsConfig.DefaultExpiry, default);
        var terminations = _world.Double.Requests.Count(r => r.Action == "ec2:TerminateInstances");

        // Act
        time.Advance(ApprovalsConfig.DefaultExpiry + TimeSpan.FromSeconds(1));
        var late = await sentrely.CallAsync("terminate-instances", terminate);
        var approvedAgain = await review.DecideAsync(late.ApprovalId!, approve: true, "sam", null, ApprovalsConfig.DefaultExpiry, default);
        time.Advance(ApprovalsConfig.DefaultExpiry - TimeSpan.FromSeconds(1));
        var inTime = await sentrely.CallAsync("terminate-instances", terminate);

        // Assert
        Assert.Equal(AuditDecisions.ApprovalPending, first.Decision);
        Assert.Equal(AuditDecisions.ApprovalPending, late.Decision);
        Assert.NotEqual(first.ApprovalId, late.ApprovalId);
        Assert.Equal(ReviewOutcome.Decided, approvedAgain.Outcome);
        Assert.False(inTime.IsError, inTime.Message);
        Assert.Equal(AuditDecisions.Approved, inTime.Decision);
        Assert.Equal(terminations + 1, _world.Double.Requests.Count(r => r.Action == "ec2:TerminateInstances"));
    }
}
