namespace Sentrely.Policy;

/// <summary>Gets what <c>sentrely policy explain</c> and <c>policy test</c> say a call would get.</summary>
public static class ExplainVerdicts
{
    /// <summary>The call would run.</summary>
    public const string Allow = "allow";

    /// <summary>The call would be refused: by policy, invalid arguments, an unknown tool or missing configuration.</summary>
    public const string Deny = "deny";

    /// <summary>The policy allows the call, but it needs an approval first (and is refused until approved).</summary>
    public const string Approval = "approval";
}
