namespace Sentrely.Pipeline;

/// <summary>
/// Gets a refusal: a stage's "no" as a value, never an exception. Carries the audit <c>decision</c>
/// and what the caller needs next (which rules, when to retry, which approval to ask for).
/// </summary>
/// <param name="Decision">The audit decision: <c>deny rate_limited cost_limited approval_pending rejected killed</c>.</param>
/// <param name="Code">A stable error code recorded as the outcome's <c>errorCode</c> (for example <c>PolicyDenied</c>).</param>
/// <param name="Reason">A message for the agent and the human reading the log; no secrets.</param>
public sealed record ToolCallRejection(string Decision, string Code, string Reason)
{
    /// <summary>Gets the ids of the rules behind the refusal.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>Gets the approval id a reviewer can approve.</summary>
    public string? ApprovalId { get; init; }

    /// <summary>Gets the seconds after which a retry may succeed.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Returns a <c>deny</c> refusal.</summary>
    /// <param name="code">The stable error code.</param>
    /// <param name="reason">The message.</param>
    public static ToolCallRejection Deny(string code, string reason) => new(AuditDecisions.Deny, code, reason);
}
