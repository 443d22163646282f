namespace Sentrely.Sandbox.Policy;

/// <summary>One statement of a session policy.</summary>
internal sealed record PolicyStatement(
    bool Allow, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, IReadOnlyList<PolicyCondition> Conditions)
{
    public bool Matches(AccessCheck check) =>
        Actions.Any(a => Glob.IsMatch(a, check.Action, ignoreCase: true))
        && Resources.Any(r => Glob.IsMatch(r, check.Resource, ignoreCase: false))
        && Conditions.All(c => c.IsSatisfied(check.Context));
}
