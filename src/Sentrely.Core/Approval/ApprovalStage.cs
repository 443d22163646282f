using Microsoft.Extensions.Logging;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Policy;
using Sentrely.Sessions;

namespace Sentrely.Approval;

/// <summary>
/// Enforces approval obligations. A call that needs approval runs only when a human said yes to this exact call:
/// a reviewer's unused approval of the same fingerprint, or — for <c>via: session</c> when the client can elicit —
/// the developer's yes in the session. Otherwise it is refused with an approval id (held open up to
/// <c>waitSeconds</c> for <c>via: reviewer</c>). Approval never widens anything: the later stages still run.
/// Fails closed: an unreadable approval store is a refusal.
/// </summary>
public sealed partial class ApprovalStage : IToolCallStage
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly IApprovalStore _store;
    private readonly IApprovalNotifier _notifier;
    private readonly LaunchCostEstimate? _costs;
    private readonly KillSwitchStage? _killSwitch;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _cliOptions;

    /// <summary>Initializes a new instance of the <see cref="ApprovalStage"/> class.</summary>
    /// <param name="store">The approval requests, shared with the <c>sentrely approvals</c> CLI.</param>
    /// <param name="notifier">Tells reviewers about new requests.</param>
    /// <param name="costs">Estimates launch costs for the summary; null leaves them out.</param>
    /// <param name="killSwitch">Checked again after an approval, because a human may take minutes and the session may be killed meanwhile.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cliOptions">Options the approve and deny commands need to reach this server's store (such as <c> --sandbox</c>); empty for none.</param>
    public ApprovalStage(IApprovalStore store, IApprovalNotifier notifier, LaunchCostEstimate? costs, KillSwitchStage? killSwitch, TimeProvider time, ILogger<ApprovalStage> logger, string cliOptions = "")
    {
        _cliOptions = cliOptions;
        _killSwitch = killSwitch;
        _store = store;
        _notifier = notifier;
        _costs = costs;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public int Order => StageOrder.Approval;

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = context.Decision ?? throw new InvalidOperationException("the policy must decide before approval");
        if (decision.Approval.Level == ApprovalLevel.None)
        {
            return null;
        }

        ToolCallRejection? rejection;
        try
        {
            rejection = await DecideAsync(context, decision, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(_logger, ex, context.CallId);
            return ToolCallRejection.Deny(
                "ApprovalStoreUnavailable",
                "this call needs approval and the approval store cannot be read, so Sentrely refuses it; the operator must fix the store (see the server log)")
                with { RuleIds = decision.RuleIds };
        }

        // Invariant 6 holds across the wait for a human: a session killed meanwhile makes no AWS call.
        return rejection is null && _killSwitch is not null
            ? await _killSwitch.ExecuteAsync(context, CancellationToken.None).ConfigureAwait(false)
            : rejection;
    }

    private async ValueTask<ToolCallRejection?> DecideAsync(ToolCallContext context, PolicyDecision decision, CancellationToken cancellationToken)
    {
        var session = context.Request.Session;
        var fingerprint = ApprovalFingerprint.Of(context);

        // A reviewer already approved exactly this call: it runs, once.
        if (await _store.ConsumeAsync(fingerprint, context.CallId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } approved)
        {
            return Grant(context, $"approved by {approved.DecidedBy} ({approved.Id})");
        }

        var cost = _costs is null ? null : await _costs.DescribeAsync(context, cancellationToken).ConfigureAwait(false);
        var summary = ApprovalSummary.Of(context, cost);
        if (decision.Approval.Level == ApprovalLevel.Required && context.Request.Prompt is { } prompt)
        {
            var (answered, rejection) = await AskInSessionAsync(context, prompt, summary, cancellationToken).ConfigureAwait(false);
            if (answered)
            {
                return rejection;
            }
        }

        var now = _time.GetUtcNow();
        var expiry = context.Configuration.Config.Approvals.Expiry;
        var candidate = new ApprovalRecord
        {
            Id = Identifiers.NewApprovalId(),
            Fingerprint = fingerprint,
            SessionId = session.SessionId,
            Developer = session.Developer,
            Project = session.Project,
            Tool = summary.Tool,
            Arguments = summary.Arguments,
            Resources = summary.Resources,
            RuleIds = decision.RuleIds,
            // An authenticated team-server caller never approves its own call: whoever holds its token is the one asking.
            Via = decision.Approval.Level == ApprovalLevel.Reviewer || context.Request.Caller is not null ? ApprovalVia.Reviewer : ApprovalVia.Session,
            Summary = summary.ToText(),
            Created = now,
            Expires = now + expiry,
        };
        var (request, created) = await _store.OpenAsync(candidate, now, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            _notifier.Notify(request, context.Configuration.Config.Approvals.Webhooks);
        }

        if (decision.Approval.WaitSeconds > 0 && request.Status == ApprovalStatus.Pending)
        {
            request = await WaitAsync(context, request, TimeSpan.FromSeconds(decision.Approval.WaitSeconds), cancellationToken).ConfigureAwait(false);
        }

        return request.Status switch
        {
            ApprovalStatus.Denied => ApprovalMessages.Rejected(request, decision.RuleIds),
            // Approved while we looked (or waited): use it like any approval, atomically, once.
            ApprovalStatus.Approved when await _store.ConsumeAsync(fingerprint, context.CallId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } used
                => Grant(context, $"approved by {used.DecidedBy} ({used.Id})"),
            _ => ApprovalMessages.Pending(request, decision.RuleIds, expiry, _cliOptions),
        };
    }

    private async ValueTask<(bool Answered, ToolCallRejection? Rejection)> AskInSessionAsync(
        ToolCallContext context, IApprovalPrompt prompt, ApprovalSummary summary, CancellationToken cancellationToken)
    {
        var developer = context.Request.Session.Developer;
        PromptAnswer answer;
        using var timeout = new CancellationTokenSource(context.Configuration.Config.Approvals.Expiry, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            answer = await prompt.AskAsync(ApprovalMessages.Prompt(context.Request.Session, summary), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // No answer in time, or the client cancelled the call: either way nobody said yes.
            answer = PromptAnswer.Cancelled;
        }
        catch (ApprovalPromptException ex)
        {
            // The client could not ask; an out-of-band approval is still possible, and the call stays refused until then.
            LogPromptFailed(_logger, ex, context.CallId);
            return (false, null);
        }

        return answer == PromptAnswer.Accepted
            ? (true, Grant(context, $"approved in the session by {developer}"))
            : (true, ApprovalMessages.DeclinedInSession(developer, answer, context.Decision!.RuleIds));
    }

    private async ValueTask<ApprovalRecord> WaitAsync(ToolCallContext context, ApprovalRecord request, TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var lastProgress = TimeSpan.Zero;
        var progress = context.Request.Progress;
        progress.Report(0, wait.TotalSeconds, ApprovalMessages.Waiting(request, wait));
        while (_time.GetElapsedTime(started) is var elapsed && elapsed < wait)
        {
            try
            {
                await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The client gave up waiting: the request stays pending, and the refusal is still recorded.
                return request;
            }

            elapsed = _time.GetElapsedTime(started);
            var current = await _store.GetAsync(request.Id, cancellationToken).ConfigureAwait(false) ?? request;
            if (current.Status != ApprovalStatus.Pending || !current.IsLive(_time.GetUtcNow()))
            {
                return current;
            }

            if (elapsed - lastProgress >= ProgressInterval)
            {
                lastProgress = elapsed;
                progress.Report(Math.Min(elapsed.TotalSeconds, wait.TotalSeconds), wait.TotalSeconds, ApprovalMessages.Waiting(request, wait - elapsed));
            }
        }

        return request;
    }

    private static ToolCallRejection? Grant(ToolCallContext context, string how)
    {
        context.AllowDecision = AuditDecisions.Approved;
        context.AllowReason = $"{context.Decision?.Reason}; {how}";
        return null;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Call {CallId}: the approval store failed; the call is refused")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Call {CallId}: the client could not be asked to confirm; falling back to an out-of-band approval")]
    private static partial void LogPromptFailed(ILogger logger, Exception exception, string callId);
}
