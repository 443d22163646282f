namespace Sentrely.Policy;

/// <summary>Gets how a call must be approved before it runs.</summary>
/// <param name="Level">The kind of approval.</param>
/// <param name="WaitSeconds">How long a reviewer approval may hold the call open; 0 returns at once.</param>
public sealed record ApprovalRequirement(ApprovalLevel Level, int WaitSeconds = 0)
{
    /// <summary>Gets the requirement of a call that needs no approval.</summary>
    public static ApprovalRequirement None { get; } = new(ApprovalLevel.None);

    /// <summary>Gets the requirement of a call the session's own developer must confirm.</summary>
    public static ApprovalRequirement Required { get; } = new(ApprovalLevel.Required);

    /// <summary>Returns the stricter of two requirements: approvals can be raised, never lowered.</summary>
    public static ApprovalRequirement Max(ApprovalRequirement a, ApprovalRequirement b) =>
        a.Level != b.Level ? (a.Level > b.Level ? a : b) : (a.WaitSeconds >= b.WaitSeconds ? a : b);
}

/// <summary>Gets the kinds of approval, weakest first.</summary>
public enum ApprovalLevel
{
    /// <summary>No approval.</summary>
    None = 0,

    /// <summary>A human must approve (in the session, or out of band).</summary>
    Required = 1,

    /// <summary>A second person, not the session's developer, must approve out of band.</summary>
    Reviewer = 2,
}
