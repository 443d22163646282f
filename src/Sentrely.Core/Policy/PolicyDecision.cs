namespace Sentrely.Policy;

/// <summary>Gets the policy's decision on one call, with the rules that decided and a reason a human understands.</summary>
/// <param name="Allowed">Whether the call may proceed (to limits and approval).</param>
/// <param name="RuleIds">The deciding rules: the matching denies when denied, the matching allows when allowed.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Approval">The approval the call needs when allowed.</param>
/// <param name="Trace">How every rule evaluated, for explanations.</param>
public sealed record PolicyDecision(
    bool Allowed,
    IReadOnlyList<string> RuleIds,
    string Reason,
    ApprovalRequirement Approval,
    IReadOnlyList<RuleEvaluation> Trace);

/// <summary>Gets how one rule evaluated against a call.</summary>
/// <param name="RuleId">The rule id.</param>
/// <param name="Effect">The rule's effect.</param>
/// <param name="Matched">Whether the rule matched.</param>
/// <param name="Explanation">Why it matched or which part did not.</param>
public sealed record RuleEvaluation(string RuleId, PolicyEffect Effect, bool Matched, string Explanation);
