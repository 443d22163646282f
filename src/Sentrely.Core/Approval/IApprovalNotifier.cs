namespace Sentrely.Approval;

/// <summary>Tells reviewers about a new approval request. Never blocks the call and never throws: failures are logged.</summary>
public interface IApprovalNotifier
{
    /// <summary>Starts delivering <paramref name="request"/> to the reviewers' channels and returns at once.</summary>
    /// <param name="request">The new request.</param>
    /// <param name="webhooks">The URLs in force (<c>approvals.webhooks</c>) for this call.</param>
    void Notify(ApprovalRecord request, IReadOnlyList<Uri> webhooks);
}
