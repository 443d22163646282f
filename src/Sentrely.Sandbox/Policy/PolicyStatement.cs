namespace Sentrely.Sandbox.Policy;

/// <summary>One statement of a session or identity policy.</summary>
/// <remarks>
/// With <see cref="NotAction"/> (<see cref="NotResource"/>) set, <see cref="Actions"/> (<see cref="Resources"/>) hold the
/// NotAction (NotResource) patterns: the statement applies to everything they do not match.
/// </remarks>
internal sealed record PolicyStatement(
    bool Allow, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, IReadOnlyList<PolicyCondition> Conditions)
{
    /// <summary>Gets the statement id, or null.</summary>
    public string? Sid { get; init; }

    /// <summary>Gets whether <see cref="Actions"/> are NotAction patterns.</summary>
    public bool NotAction { get; init; }

    /// <summary>Gets whether <see cref="Resources"/> are NotResource patterns.</summary>
    public bool NotResource { get; init; }

    public bool Matches(AccessCheck check) =>
        NotAction != Actions.Any(a => Glob.IsMatch(a, check.Action, ignoreCase: true))
        && NotResource != Resources.Any(r => Glob.IsMatch(r, check.Resource, ignoreCase: false))
        && Conditions.All(c => c.IsSatisfied(check.Context));
}
