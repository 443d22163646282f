namespace Sentrely.Approval;

/// <summary>
/// Keeps approval requests where the server and the <c>sentrely approvals</c> CLI (and, later, other replicas) see
/// them. Every state change is one atomic, conditional write, so a request is decided once and an approval used once,
/// whoever races. Implementations throw when the store cannot be read or written; callers refuse the call then.
/// </summary>
public interface IApprovalStore
{
    /// <summary>
    /// Returns the live request for <paramref name="candidate"/>'s fingerprint — the newest that is pending, approved
    /// or denied and not expired at <paramref name="now"/> — or, when there is none, inserts <paramref name="candidate"/>
    /// and returns it with <c>Created = true</c>. Atomic: two concurrent identical calls get one request.
    /// </summary>
    /// <param name="candidate">The request to insert when none is live (status <see cref="ApprovalStatus.Pending"/>).</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<(ApprovalRecord Record, bool Created)> OpenAsync(ApprovalRecord candidate, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Returns the request with this id, or null.</summary>
    /// <param name="id">The approval id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ApprovalRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Returns the requests, newest first: only the pending, unexpired ones unless <paramref name="all"/>.</summary>
    /// <param name="all">Whether to include decided, used and expired requests.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<IReadOnlyList<ApprovalRecord>> ListAsync(bool all, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Approves or denies request <paramref name="id"/> if, and only if, it is still pending and unexpired at
    /// <paramref name="now"/>. An approval's <see cref="ApprovalRecord.Expires"/> becomes <paramref name="now"/> +
    /// <paramref name="validity"/>; a denial keeps the request's expiry. Returns the updated record, or null when the
    /// request is missing, already decided or expired (the caller reads it again to say which).
    /// </summary>
    /// <param name="id">The approval id.</param>
    /// <param name="approve">True to approve, false to deny.</param>
    /// <param name="by">The reviewer's identity.</param>
    /// <param name="reason">The reviewer's reason, or null.</param>
    /// <param name="now">The current time.</param>
    /// <param name="validity">How long an approval may wait for its call.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ApprovalRecord?> DecideAsync(string id, bool approve, string by, string? reason, DateTimeOffset now, TimeSpan validity, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the approved, unexpired request for <paramref name="fingerprint"/> used by <paramref name="callId"/> and
    /// returns it; null when there is none. Atomic: of two concurrent identical calls, one gets it.
    /// </summary>
    /// <param name="fingerprint">The call's fingerprint.</param>
    /// <param name="callId">The call that uses the approval.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ApprovalRecord?> ConsumeAsync(string fingerprint, string callId, DateTimeOffset now, CancellationToken cancellationToken);
}
