using Sentrely.Iam;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.IamCheck;

/// <summary>
/// The request contexts a grant's conditions imply: positive conditions supply their values as context values. Each
/// value of each key must be allowed, so the first context takes every key's first value and the others vary one key.
/// </summary>
internal static class GrantContexts
{
    private static readonly HashSet<string> Supplying = new(StringComparer.Ordinal)
    {
        "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnLike", "Bool", "NumericEquals", "DateEquals",
    };

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> For(IReadOnlyList<IamCondition> conditions)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var condition in conditions)
        {
            if (ConditionOperator.TryParse(condition.Operator, out var op) && !op.Negated && Supplying.Contains(op.Base)
                && condition.Values.Count > 0 && !values.ContainsKey(condition.Key))
            {
                values[condition.Key] = condition.Values;
            }
        }

        var first = values.ToDictionary(kv => kv.Key, kv => kv.Value[0], StringComparer.OrdinalIgnoreCase);
        var contexts = new List<IReadOnlyDictionary<string, string>> { first };
        foreach (var (key, list) in values)
        {
            foreach (var value in list.Skip(1))
            {
                contexts.Add(new Dictionary<string, string>(first, StringComparer.OrdinalIgnoreCase) { [key] = value });
            }
        }

        return contexts;
    }
}
