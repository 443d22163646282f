namespace Sentrely.Policy;

/// <summary>
/// Says plainly what <c>approval: { via: reviewer }</c> can and cannot do (<see cref="PolicyWarningCodes.ReviewerNotEnforcedLocally"/>):
/// in stdio mode anyone who can run <c>sentrely approvals approve</c> as the same OS user is the reviewer, so the
/// developer can approve their own agent's call. Only the team server, with authenticated reviewers, stops that.
/// </summary>
internal static class ReviewerApprovalCheck
{
    public static PolicyWarning? Check(PolicyRule rule, string field) =>
        rule.Approval.Level != ApprovalLevel.Reviewer
            ? null
            : new(rule.Source, field, rule.Id, PolicyWarningCodes.ReviewerNotEnforcedLocally,
                "`approval: { via: reviewer }` cannot stop self-approval in stdio mode: the reviewer is whoever runs "
                + "`sentrely approvals approve` as the same OS user, and the configured developer name is not proof of who that is. "
                + "The call still waits for an explicit out-of-band approval; only the team server (authenticated reviewers) enforces a second person");
}
