namespace Sentrely.Sandbox.Policy;

/// <summary>
/// A parsed session policy and a deliberately small evaluator: explicit deny wins, then any allow, else implicit deny.
/// </summary>
internal sealed class SessionPolicy(IReadOnlyList<PolicyStatement> statements)
{
    public IReadOnlyList<PolicyStatement> Statements { get; } = statements;

    /// <summary>Returns null when allowed, else why it was denied.</summary>
    public string? Evaluate(AccessCheck check)
    {
        if (Statements.Any(s => !s.Allow && s.Matches(check)))
        {
            return $"explicit deny of {check.Action} on {check.Resource}";
        }

        return Statements.Any(s => s.Allow && s.Matches(check))
            ? null
            : $"no statement allows {check.Action} on {check.Resource}";
    }
}
