namespace Sentrely.Sandbox.Policy;

/// <summary>
/// One condition key test, for example <c>ForAnyValue:StringLikeIfExists</c> over a set of values. Operators the double
/// cannot evaluate are kept (so <c>iam check</c> can name them) and evaluate to null, never to true.
/// </summary>
internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>Gets whether <see cref="Operator"/> is one the evaluator understands.</summary>
    public bool IsKnown => ConditionOperator.TryParse(Operator, out _);

    public bool IsSatisfied(IReadOnlyDictionary<string, string> context) => Evaluate(context) == true;

    /// <summary>Returns whether the condition holds for <paramref name="context"/>; null when the operator cannot be evaluated.</summary>
    public bool? Evaluate(IReadOnlyDictionary<string, string> context)
    {
        if (!ConditionOperator.TryParse(Operator, out var op))
        {
            return null;
        }

        // Condition key names are case-insensitive in IAM.
        var present = context.FirstOrDefault(kv => string.Equals(kv.Key, Key, StringComparison.OrdinalIgnoreCase));
        var value = present.Key is null ? null : present.Value;
        if (op.Base == "Null")
        {
            var wantsAbsent = Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));
            return wantsAbsent == (value is null);
        }

        if (value is null)
        {
            // An absent key: IfExists and ForAllValues (vacuously) hold, negated operators hold, everything else fails.
            return op.IfExists || op.Set == ConditionSet.ForAllValues || op.Negated;
        }

        var matched = Values.Any(v => ConditionOperator.Matches(op.Base, v, value));
        return op.Negated ? !matched : matched;
    }
}
