namespace Sentrely.Pipeline;

/// <summary>Gets the audit <c>decision</c> vocabulary of DESIGN.md.</summary>
public static class AuditDecisions
{
    /// <summary>The call was allowed.</summary>
    public const string Allow = "allow";

    /// <summary>The call was refused: by policy, invalid arguments, an unknown tool, or a failed safety check.</summary>
    public const string Deny = "deny";

    /// <summary>A rate limit refused the call.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A cost limit refused the call.</summary>
    public const string CostLimited = "cost_limited";

    /// <summary>The call waits for an approval.</summary>
    public const string ApprovalPending = "approval_pending";

    /// <summary>The call was approved by a human.</summary>
    public const string Approved = "approved";

    /// <summary>A human rejected the call.</summary>
    public const string Rejected = "rejected";

    /// <summary>The session was killed.</summary>
    public const string Killed = "killed";
}
