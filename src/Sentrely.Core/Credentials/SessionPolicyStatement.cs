namespace Sentrely.Credentials;

/// <summary>Gets one Allow statement of a session policy with every placeholder filled.</summary>
/// <param name="Actions">The IAM actions.</param>
/// <param name="Resources">The resource ARNs (no wildcards introduced by arguments).</param>
/// <param name="Conditions">The conditions: operator → key → values.</param>
public sealed record SessionPolicyStatement(
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyList<SessionPolicyCondition> Conditions);

/// <summary>Gets one filled condition of a session policy statement.</summary>
/// <param name="Operator">The IAM operator.</param>
/// <param name="Key">The condition key.</param>
/// <param name="Values">The values.</param>
public sealed record SessionPolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);
