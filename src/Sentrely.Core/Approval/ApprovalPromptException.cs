namespace Sentrely.Approval;

/// <summary>The client could not be asked to confirm a call; the call falls back to an out-of-band approval.</summary>
public sealed class ApprovalPromptException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ApprovalPromptException"/> class.</summary>
    public ApprovalPromptException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApprovalPromptException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public ApprovalPromptException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApprovalPromptException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ApprovalPromptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
