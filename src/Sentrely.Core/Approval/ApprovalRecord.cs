namespace Sentrely.Approval;

/// <summary>
/// Gets one approval request: a human's yes or no to exactly one call (session + tool + every argument, content
/// included, bound by <see cref="Fingerprint"/>). Created when a call needs an out-of-band approval; approved or
/// denied by a reviewer; used once by the repeated call; dead after <see cref="Expires"/>.
/// </summary>
public sealed record ApprovalRecord
{
    /// <summary>Gets the id: <c>apr_</c> followed by random letters and digits.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the call's fingerprint (lower-case hex SHA-256; see <see cref="ApprovalFingerprint"/>).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Gets the session that asked.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the session's developer: the person whose agent asked.</summary>
    public required string Developer { get; init; }

    /// <summary>Gets the session's project.</summary>
    public required string Project { get; init; }

    /// <summary>Gets the tool.</summary>
    public required string Tool { get; init; }

    /// <summary>Gets the arguments as the audit log keeps them (blobs as size + SHA-256, secrets masked): what the reviewer reads.</summary>
    public required string Arguments { get; init; }

    /// <summary>Gets the call's resource ARNs.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Gets the ids of the rules that require the approval (empty when the manifest's default does).</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>Gets who may approve: <see cref="ApprovalVia.Session"/> (anyone, the developer included) or <see cref="ApprovalVia.Reviewer"/> (not the developer).</summary>
    public required string Via { get; init; }

    /// <summary>Gets why the call needs approval and what it costs, as shown to the reviewer.</summary>
    public required string Summary { get; init; }

    /// <summary>Gets when the request was made.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Gets when the request (or, once approved, the approval) stops counting.</summary>
    public required DateTimeOffset Expires { get; init; }

    /// <summary>Gets the state.</summary>
    public ApprovalStatus Status { get; init; } = ApprovalStatus.Pending;

    /// <summary>Gets who approved or denied.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Gets when it was approved or denied.</summary>
    public DateTimeOffset? Decided { get; init; }

    /// <summary>Gets the reviewer's reason.</summary>
    public string? DecisionReason { get; init; }

    /// <summary>Gets the id of the call that used the approval.</summary>
    public string? UsedByCallId { get; init; }

    /// <summary>Returns whether the record still counts at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public bool IsLive(DateTimeOffset now) => Status != ApprovalStatus.Used && now < Expires;
}

/// <summary>Gets the states of an approval request.</summary>
public enum ApprovalStatus
{
    /// <summary>Waiting for a reviewer.</summary>
    Pending,

    /// <summary>Approved; the same call may run once before it expires.</summary>
    Approved,

    /// <summary>Denied; the same call is refused until it expires.</summary>
    Denied,

    /// <summary>Approved and used by one call; never counts again.</summary>
    Used,
}

/// <summary>Gets the <c>via</c> values of approval records.</summary>
public static class ApprovalVia
{
    /// <summary>Anyone may approve, the session's developer included.</summary>
    public const string Session = "session";

    /// <summary>A reviewer other than the session's developer must approve.</summary>
    public const string Reviewer = "reviewer";
}
