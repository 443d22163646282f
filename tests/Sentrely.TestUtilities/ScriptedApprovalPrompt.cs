using Sentrely.Approval;

namespace Sentrely.TestUtilities;

/// <summary>An <see cref="IApprovalPrompt"/> that gives a fixed answer (or fails, as a disconnected client does) and keeps the messages.</summary>
public sealed class ScriptedApprovalPrompt(PromptAnswer? answer) : IApprovalPrompt
{
    /// <summary>Gets the messages shown.</summary>
    public List<string> Messages { get; } = [];

    public ValueTask<PromptAnswer> AskAsync(string message, CancellationToken cancellationToken)
    {
        Messages.Add(message);
        return answer is { } a ? ValueTask.FromResult(a) : throw new ApprovalPromptException("the client went away");
    }
}
