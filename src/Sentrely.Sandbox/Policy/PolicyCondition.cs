namespace Sentrely.Sandbox.Policy;

/// <summary>One condition key test: StringEquals, StringLike or StringNotEquals over a set of values.</summary>
internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    public static readonly IReadOnlyList<string> SupportedOperators = ["StringEquals", "StringLike", "StringNotEquals"];

    public bool IsSatisfied(IReadOnlyDictionary<string, string> context)
    {
        // Condition key names are case-insensitive in IAM.
        var present = context.FirstOrDefault(kv => string.Equals(kv.Key, Key, StringComparison.OrdinalIgnoreCase));
        var value = present.Key is null ? null : present.Value;
        return Operator switch
        {
            "StringEquals" => value is not null && Values.Any(v => string.Equals(v, value, StringComparison.Ordinal)),
            "StringLike" => value is not null && Values.Any(v => Glob.IsMatch(v, value, ignoreCase: false)),
            // A negated operator is true when the key is absent.
            "StringNotEquals" => value is null || !Values.Any(v => string.Equals(v, value, StringComparison.Ordinal)),
            _ => false,
        };
    }
}
