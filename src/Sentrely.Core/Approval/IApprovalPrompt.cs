namespace Sentrely.Approval;

/// <summary>Asks the human in the session to confirm one call (MCP elicitation). Absent when the client cannot ask.</summary>
public interface IApprovalPrompt
{
    /// <summary>Shows <paramref name="message"/> and returns the human's answer.</summary>
    /// <param name="message">What the call does and why it needs approval.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <exception cref="ApprovalPromptException">The client could not be asked (disconnected, an error answer).</exception>
    ValueTask<PromptAnswer> AskAsync(string message, CancellationToken cancellationToken);
}

/// <summary>Gets a human's answer to an in-session confirmation.</summary>
public enum PromptAnswer
{
    /// <summary>Accepted and confirmed.</summary>
    Accepted,

    /// <summary>Declined, or accepted without confirming.</summary>
    Declined,

    /// <summary>Dismissed without a choice.</summary>
    Cancelled,
}
