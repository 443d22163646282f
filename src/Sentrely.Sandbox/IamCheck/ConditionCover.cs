using GlobSets = Sentrely.Policy.GlobSets;
using Sentrely.Iam;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.IamCheck;

/// <summary>Whether a statement's conditions enforce (are at least as narrow as) one condition of the plan.</summary>
internal static class ConditionCover
{
    private static readonly HashSet<string> StringBases = new(StringComparer.Ordinal) { "StringEquals", "StringLike", "ArnLike" };

    public static bool Enforces(IReadOnlyList<PolicyCondition> statementConditions, IamCondition planned)
    {
        if (!ConditionOperator.TryParse(planned.Operator, out var want))
        {
            // A plan condition the evaluator does not know: only the identical condition enforces it.
            return statementConditions.Any(s => Same(s, planned));
        }

        return statementConditions.Any(s => string.Equals(s.Key, planned.Key, StringComparison.OrdinalIgnoreCase)
            && ConditionOperator.TryParse(s.Operator, out var have)
            && (!have.IfExists || want.IfExists)
            && have.Set == want.Set
            && have.Negated == want.Negated
            && (StringBases.Contains(want.Base) && !want.Negated
                ? StringBases.Contains(have.Base) && s.Values.All(v => planned.Values.Any(p => GlobSets.Covers(p, v, ignoreCase: false)))
                : Same(s, planned)));
    }

    /// <summary>The same operator and key; a positive one with no other values, a negated one excluding at least the planned values.</summary>
    private static bool Same(PolicyCondition have, IamCondition planned) =>
        string.Equals(have.Operator, planned.Operator, StringComparison.Ordinal)
        && string.Equals(have.Key, planned.Key, StringComparison.OrdinalIgnoreCase)
        && (ConditionOperator.TryParse(planned.Operator, out var op) && op.Negated
            ? planned.Values.All(v => have.Values.Contains(v, StringComparer.Ordinal))
            : have.Values.All(v => planned.Values.Contains(v, StringComparer.Ordinal)));
}
