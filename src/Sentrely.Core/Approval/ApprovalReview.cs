namespace Sentrely.Approval;

/// <summary>
/// A reviewer's decision on an approval request, with the rules a store cannot know: only pending, unexpired requests
/// can be decided; under <c>via: reviewer</c> nobody approves their own agent's call (identities compared ignoring case).
/// </summary>
public sealed class ApprovalReview
{
    private readonly IApprovalStore _store;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ApprovalReview"/> class.</summary>
    /// <param name="store">The approval requests.</param>
    /// <param name="time">The clock.</param>
    public ApprovalReview(IApprovalStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>Approves or denies request <paramref name="id"/> as <paramref name="reviewer"/>.</summary>
    /// <param name="id">The approval id.</param>
    /// <param name="approve">True to approve, false to deny.</param>
    /// <param name="reviewer">The reviewer's identity (authenticated on the team server; the local developer identity in stdio mode).</param>
    /// <param name="reason">The reviewer's reason, or null.</param>
    /// <param name="validity">How long an approval may wait for its call.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async ValueTask<ReviewResult> DecideAsync(string id, bool approve, string reviewer, string? reason, TimeSpan validity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        if (!IsWellFormed(id) || await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } request)
        {
            return new ReviewResult(ReviewOutcome.NotFound, null, $"no approval request {Bounded(id)}; `sentrely approvals list` shows the pending ones");
        }

        if (approve && request.Via == ApprovalVia.Reviewer && string.Equals(request.Developer, reviewer, StringComparison.OrdinalIgnoreCase))
        {
            return new ReviewResult(
                ReviewOutcome.SelfApproval,
                request,
                $"{request.Id} asks for a reviewer other than {request.Developer}, whose agent made the call; you are {reviewer}. Ask another reviewer.");
        }

        var now = _time.GetUtcNow();
        var decided = await _store.DecideAsync(id, approve, reviewer, reason, now, validity, cancellationToken).ConfigureAwait(false);
        if (decided is not null)
        {
            return new ReviewResult(ReviewOutcome.Decided, decided, approve
                ? $"approved {decided.Id}: the agent may repeat this exact call once before {Utc(decided.Expires)}"
                : $"denied {decided.Id}: the agent's call is refused");
        }

        // Lost a race or came too late: say which.
        var current = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? request;
        return current.Status == ApprovalStatus.Pending
            ? new ReviewResult(ReviewOutcome.Expired, current, $"{current.Id} expired at {Utc(current.Expires)}; the agent must ask again")
            : new ReviewResult(ReviewOutcome.AlreadyDecided, current, $"{current.Id} is already {Describe(current)}");
    }

    /// <summary>Returns whether <paramref name="id"/> looks like an approval id (so hostile input never reaches a query unbounded).</summary>
    /// <param name="id">The text.</param>
    public static bool IsWellFormed(string id) =>
        id.Length is > 4 and <= 64 && id.StartsWith("apr_", StringComparison.Ordinal) && id.AsSpan(4).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789") < 0;

    /// <summary>Returns <c>approved by sam</c>, <c>denied by sam</c>, <c>used by call_…</c> or <c>pending</c>.</summary>
    /// <param name="request">The request.</param>
    public static string Describe(ApprovalRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Status switch
        {
            ApprovalStatus.Approved => $"approved by {request.DecidedBy}",
            ApprovalStatus.Denied => $"denied by {request.DecidedBy}",
            ApprovalStatus.Used => $"approved by {request.DecidedBy} and used by {request.UsedByCallId}",
            _ => "pending",
        };
    }

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Bounded(string id) => id.Length <= 64 ? id : id[..64] + "…";
}

/// <summary>Gets what a review did.</summary>
/// <param name="Outcome">Whether the decision was recorded, and if not why.</param>
/// <param name="Request">The request as it now stands; null when not found.</param>
/// <param name="Message">What to tell the reviewer.</param>
public sealed record ReviewResult(ReviewOutcome Outcome, ApprovalRecord? Request, string Message);

/// <summary>Gets the outcomes of a review.</summary>
public enum ReviewOutcome
{
    /// <summary>The decision was recorded.</summary>
    Decided,

    /// <summary>No such request.</summary>
    NotFound,

    /// <summary>Already approved, denied or used.</summary>
    AlreadyDecided,

    /// <summary>The request expired before the decision.</summary>
    Expired,

    /// <summary>A developer tried to approve their own agent's call under <c>via: reviewer</c>.</summary>
    SelfApproval,
}
