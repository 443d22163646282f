using Sentrely.Approval;
using Sentrely.Configuration;
using Sentrely.Core.Tests.Pipeline;
using Sentrely.Invocation;
using Sentrely.Pipeline;
using Sentrely.Policy;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Approval;

public sealed class ApprovalStageTests
{
    private const string Args = """{"bucket":"my-app-deployments","key":"builds/app.zip"}""";

    private static PipelineFixture Fixture(ApprovalRequirement requirement, ApprovalsConfig? approvals = null) =>
        new([PipelineFixture.AllowAll() with { Approval = requirement }], approvals: approvals);

    private static Task<ReviewResult> ReviewAsync(PipelineFixture fixture, string id, bool approve, string reviewer = "sam", string? reason = null) =>
        new ApprovalReview(fixture.Approvals, fixture.Time).DecideAsync(id, approve, reviewer, reason, fixture.Config.Approvals.Expiry, default).AsTask();

    [Fact]
    public async Task NoPrompt_RefusedWithAnApprovalIdStoredNotifiedAndNoCredentials()
    {
        var fixture = Fixture(ApprovalRequirement.Required, new ApprovalsConfig { Webhooks = [new Uri("https://hooks.example.com/x")] });

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.Equal(AuditDecisions.ApprovalPending, outcome.Decision);
        Assert.Matches("^apr_[a-z0-9]{20}$", outcome.ApprovalId);
        Assert.Contains($"sentrely approvals approve {outcome.ApprovalId}", outcome.Message, StringComparison.Ordinal);
        var request = Assert.Single(await fixture.Approvals.ListAsync(all: false, fixture.Time.GetUtcNow(), default));
        Assert.Equal((outcome.ApprovalId, "put-thing", "jordan", ApprovalVia.Session), (request.Id, request.Tool, request.Developer, request.Via));
        Assert.Contains("rule `allow-all` requires it", request.Summary, StringComparison.Ordinal);
        Assert.Equal(outcome.ApprovalId, Assert.Single(fixture.Notifier.Sent).Request.Id);
        Assert.Equal("https://hooks.example.com/x", Assert.Single(fixture.Notifier.Sent[0].Webhooks).ToString());
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Equal([AuditDecisions.ApprovalPending, AuditDecisions.ApprovalPending], fixture.Store.Records.Select(r => r.Decision));
    }

    [Fact]
    public async Task SameCallAgain_WhilePending_SameIdAndNoSecondNotification()
    {
        var fixture = Fixture(ApprovalRequirement.Required);

        var first = await fixture.CallAsync("put-thing", Args);
        var second = await fixture.CallAsync("put-thing", """{ "key": "builds/app.zip", "bucket": "my-app-deployments" }""");

        Assert.Equal(first.ApprovalId, second.ApprovalId);
        Assert.Single(fixture.Notifier.Sent);
    }

    [Fact]
    public async Task Approved_SameCallRunsOnceAuditedAsApprovedThenNeedsANewApproval()
    {
        var fixture = Fixture(ApprovalRequirement.Required);
        var pending = await fixture.CallAsync("put-thing", Args);
        Assert.Equal(ReviewOutcome.Decided, (await ReviewAsync(fixture, pending.ApprovalId!, approve: true)).Outcome);

        var approved = await fixture.CallAsync("put-thing", Args);
        var reused = await fixture.CallAsync("put-thing", Args);

        Assert.False(approved.IsError, approved.Message);
        Assert.Equal(AuditDecisions.Approved, approved.Decision);
        Assert.Single(fixture.Vendor.Requests);
        var intent = fixture.Store.Records.Single(r => r.CallId == approved.CallId && r.Phase == "intent");
        Assert.Equal(AuditDecisions.Approved, intent.Decision);
        Assert.Contains($"approved by sam ({pending.ApprovalId})", intent.Reason, StringComparison.Ordinal);
        Assert.Equal(AuditDecisions.ApprovalPending, reused.Decision);
        Assert.NotEqual(pending.ApprovalId, reused.ApprovalId);
        Assert.Equal(ApprovalStatus.Used, (await fixture.Approvals.GetAsync(pending.ApprovalId!, default))!.Status);
    }

    [Fact]
    public async Task Approved_ChangedArgumentOrOtherSession_NotCovered()
    {
        var fixture = Fixture(ApprovalRequirement.Required);
        var pending = await fixture.CallAsync("put-thing", Args);
        await ReviewAsync(fixture, pending.ApprovalId!, approve: true);

        var changed = await fixture.CallAsync("put-thing", """{"bucket":"my-app-deployments","key":"builds/app2.zip"}""");
        var otherSession = await fixture.CallAsync("put-thing", Args, session: fixture.Session with { SessionId = "sess_other000000000000000" });

        Assert.Equal(AuditDecisions.ApprovalPending, changed.Decision);
        Assert.Equal(AuditDecisions.ApprovalPending, otherSession.Decision);
        Assert.NotEqual(pending.ApprovalId, changed.ApprovalId);
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Equal(ApprovalStatus.Approved, (await fixture.Approvals.GetAsync(pending.ApprovalId!, default))!.Status);
    }

    [Fact]
    public async Task Approved_AfterExpiry_RefusedWithANewRequest()
    {
        var fixture = Fixture(ApprovalRequirement.Required, new ApprovalsConfig { Expiry = TimeSpan.FromMinutes(5) });
        var pending = await fixture.CallAsync("put-thing", Args);
        await ReviewAsync(fixture, pending.ApprovalId!, approve: true);
        fixture.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var late = await fixture.CallAsync("put-thing", Args);

        Assert.Equal(AuditDecisions.ApprovalPending, late.Decision);
        Assert.NotEqual(pending.ApprovalId, late.ApprovalId);
        Assert.Empty(fixture.Vendor.Requests);
    }

    [Fact]
    public async Task Pending_ApprovedAfterExpiry_RefusedToTheReviewer()
    {
        var fixture = Fixture(ApprovalRequirement.Required);
        var pending = await fixture.CallAsync("put-thing", Args);
        fixture.Time.Advance(ApprovalsConfig.DefaultExpiry);

        var review = await ReviewAsync(fixture, pending.ApprovalId!, approve: true);

        Assert.Equal(ReviewOutcome.Expired, review.Outcome);
    }

    [Fact]
    public async Task Denied_RefusedAsRejectedWithTheReviewersReason()
    {
        var fixture = Fixture(ApprovalRequirement.Required);
        var pending = await fixture.CallAsync("put-thing", Args);
        await ReviewAsync(fixture, pending.ApprovalId!, approve: false, reason: "not during the freeze");

        var again = await fixture.CallAsync("put-thing", Args);

        Assert.Equal(AuditDecisions.Rejected, again.Decision);
        Assert.Contains("sam denied", again.Message, StringComparison.Ordinal);
        Assert.Contains("not during the freeze", again.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Vendor.Requests);
    }

    [Fact]
    public async Task Prompt_Accepted_RunsAuditedAsApprovedInTheSession()
    {
        var fixture = Fixture(ApprovalRequirement.Required);
        var prompt = new ScriptedApprovalPrompt(PromptAnswer.Accepted);

        var outcome = await fixture.CallAsync("put-thing", Args, prompt);

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal(AuditDecisions.Approved, outcome.Decision);
        var message = Assert.Single(prompt.Messages);
        Assert.Contains("jordan's agent asks to run `put-thing`", message, StringComparison.Ordinal);
        Assert.Contains("builds/app.zip", message, StringComparison.Ordinal);
        Assert.Contains("rule `allow-all` requires it", message, StringComparison.Ordinal);
        Assert.Contains("approved in the session by jordan", fixture.Store.Records.First(r => r.Phase == "intent").Reason, StringComparison.Ordinal);
        Assert.Empty(await fixture.Approvals.ListAsync(all: true, fixture.Time.GetUtcNow(), default));
    }

    [Theory]
    [InlineData(PromptAnswer.Declined, "declined")]
    [InlineData(PromptAnswer.Cancelled, "dismissed")]
    public async Task Prompt_NotAccepted_RejectedWithoutCredentials(PromptAnswer answer, string word)
    {
        var fixture = Fixture(ApprovalRequirement.Required);

        var outcome = await fixture.CallAsync("put-thing", Args, new ScriptedApprovalPrompt(answer));

        Assert.Equal(AuditDecisions.Rejected, outcome.Decision);
        Assert.Contains(word, outcome.Message, StringComparison.Ordinal);
        Assert.Equal([AuditDecisions.Rejected, AuditDecisions.Rejected], fixture.Store.Records.Select(r => r.Decision));
        Assert.Empty(fixture.Vendor.Requests);
    }

    [Fact]
    public async Task Prompt_ClientFails_FallsBackToAnApprovalId()
    {
        var fixture = Fixture(ApprovalRequirement.Required);

        var outcome = await fixture.CallAsync("put-thing", Args, new ScriptedApprovalPrompt(null));

        Assert.Equal(AuditDecisions.ApprovalPending, outcome.Decision);
        Assert.NotNull(outcome.ApprovalId);
    }

    [Fact]
    public async Task ViaReviewer_NeverAsksTheSessionAndTheDeveloperCannotApprove()
    {
        var fixture = Fixture(new ApprovalRequirement(ApprovalLevel.Reviewer));
        var prompt = new ScriptedApprovalPrompt(PromptAnswer.Accepted);

        var outcome = await fixture.CallAsync("put-thing", Args, prompt);
        var self = await ReviewAsync(fixture, outcome.ApprovalId!, approve: true, reviewer: "Jordan");
        var other = await ReviewAsync(fixture, outcome.ApprovalId!, approve: true, reviewer: "sam");

        Assert.Empty(prompt.Messages);
        Assert.Equal(AuditDecisions.ApprovalPending, outcome.Decision);
        Assert.Contains("a reviewer other than jordan", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewOutcome.SelfApproval, self.Outcome);
        Assert.Equal(ReviewOutcome.Decided, other.Outcome);
    }

    [Fact]
    public async Task ViaSession_TheDeveloperMayApproveOutOfBand()
    {
        var fixture = Fixture(ApprovalRequirement.Required);
        var outcome = await fixture.CallAsync("put-thing", Args);

        var review = await ReviewAsync(fixture, outcome.ApprovalId!, approve: true, reviewer: "jordan");

        Assert.Equal(ReviewOutcome.Decided, review.Outcome);
    }

    [Fact]
    public async Task Review_TwiceOrUnknownId_Refused()
    {
        var fixture = Fixture(ApprovalRequirement.Required);
        var outcome = await fixture.CallAsync("put-thing", Args);
        await ReviewAsync(fixture, outcome.ApprovalId!, approve: false);

        Assert.Equal(ReviewOutcome.AlreadyDecided, (await ReviewAsync(fixture, outcome.ApprovalId!, approve: true)).Outcome);
        Assert.Equal(ReviewOutcome.NotFound, (await ReviewAsync(fixture, "apr_doesnotexist", approve: true)).Outcome);
        Assert.Equal(ReviewOutcome.NotFound, (await ReviewAsync(fixture, "apr_' OR 1=1 --", approve: true)).Outcome);
    }

    [Fact]
    public async Task WaitSeconds_ApprovedWhileWaiting_TheHeldCallRunsWithProgress()
    {
        var fixture = Fixture(new ApprovalRequirement(ApprovalLevel.Reviewer, WaitSeconds: 120));
        var progress = new RecordingProgress();

        var call = fixture.CallAsync("put-thing", Args, progress: progress).AsTask();
        for (var i = 0; i < 7 && !call.IsCompleted; i++)
        {
            await Task.Yield();
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        var request = Assert.Single(await fixture.Approvals.ListAsync(all: false, fixture.Time.GetUtcNow(), default));
        Assert.False(call.IsCompleted);
        await ReviewAsync(fixture, request.Id, approve: true);
        for (var i = 0; i < 10 && !call.IsCompleted; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal(AuditDecisions.Approved, outcome.Decision);
        Assert.Contains(progress.Messages, m => m.Contains($"sentrely approvals approve {request.Id}", StringComparison.Ordinal));
        Assert.True(progress.Messages.Count >= 2, string.Join(" | ", progress.Messages));
    }

    [Fact]
    public async Task WaitSeconds_NobodyDecides_PendingWhenTheWaitEnds()
    {
        var fixture = Fixture(new ApprovalRequirement(ApprovalLevel.Reviewer, WaitSeconds: 5));

        var call = fixture.CallAsync("put-thing", Args).AsTask();
        for (var i = 0; i < 20 && !call.IsCompleted; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AuditDecisions.ApprovalPending, outcome.Decision);
        Assert.Empty(fixture.Vendor.Requests);
    }

    [Fact]
    public async Task WaitSeconds_SessionKilledWhileWaiting_ApprovedCallStillRefusedAsKilled()
    {
        var fixture = Fixture(new ApprovalRequirement(ApprovalLevel.Reviewer, WaitSeconds: 60));
        var call = fixture.CallAsync("put-thing", Args).AsTask();
        var request = await PendingAsync(fixture);

        await fixture.Sessions.KillAsync(new KillRule(new KillTarget(KillTargetKind.Session, fixture.Session.SessionId), "incident", "oncall", fixture.Time.GetUtcNow()), default);
        await ReviewAsync(fixture, request.Id, approve: true);
        var outcome = await AdvanceUntilDoneAsync(fixture, call);

        Assert.Equal(AuditDecisions.Killed, outcome.Decision);
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Empty(fixture.Handler.Invocations);
    }

    [Fact]
    public async Task WaitSeconds_ClientCancelsWhileWaiting_RefusalStillRecorded()
    {
        var fixture = Fixture(new ApprovalRequirement(ApprovalLevel.Reviewer, WaitSeconds: 60));
        using var cancel = new CancellationTokenSource();
        var call = fixture.Pipeline.RunAsync(
            new ToolCallRequest(fixture.Session, "put-thing", System.Text.Json.JsonDocument.Parse(Args).RootElement, NoFileRoots.Instance, NoFileRoots.Instance),
            cancel.Token).AsTask();
        await PendingAsync(fixture);

        await cancel.CancelAsync();
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AuditDecisions.ApprovalPending, outcome.Decision);
        Assert.Equal(["intent", "outcome"], fixture.Store.Records.Select(r => r.Phase));
        Assert.Empty(fixture.Vendor.Requests);
    }

    private static async Task<ApprovalRecord> PendingAsync(PipelineFixture fixture)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await fixture.Approvals.ListAsync(all: false, fixture.Time.GetUtcNow(), default)).FirstOrDefault() is { } request)
            {
                return request;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("no approval request was opened");
    }

    private static async Task<ToolCallOutcome> AdvanceUntilDoneAsync(PipelineFixture fixture, Task<ToolCallOutcome> call)
    {
        for (var i = 0; i < 20 && !call.IsCompleted; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        return await call.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StoreBroken_RefusedFailClosed()
    {
        var fixture = Fixture(ApprovalRequirement.Required);
        fixture.Approvals.Broken = true;

        var outcome = await fixture.CallAsync("put-thing", Args, new ScriptedApprovalPrompt(PromptAnswer.Accepted));

        Assert.Equal(AuditDecisions.Deny, outcome.Decision);
        Assert.Contains("approval store cannot be read", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Vendor.Requests);
    }

    [Fact]
    public async Task NoApprovalNeeded_StoreNeverTouched()
    {
        var fixture = Fixture(ApprovalRequirement.None);
        fixture.Approvals.Broken = true;

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal(AuditDecisions.Allow, outcome.Decision);
    }

    private sealed class RecordingProgress : IProgressReporter
    {
        public List<string> Messages { get; } = [];

        public void Report(double progress, double? total, string message)
        {
            lock (Messages)
            {
                Messages.Add(message);
            }
        }
    }
}
