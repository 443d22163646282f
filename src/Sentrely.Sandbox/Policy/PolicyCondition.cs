namespace Sentrely.Sandbox.Policy;

/// <summary>One condition key test: StringEquals, StringLike, StringNotEquals, DateLessThan or DateGreaterThan over a set of values.</summary>
internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    public static readonly IReadOnlyList<string> SupportedOperators = ["StringEquals", "StringLike", "StringNotEquals", "DateLessThan", "DateGreaterThan"];

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
            "DateLessThan" => CompareDates(value) is { } cmp && cmp.Any(c => c < 0),
            "DateGreaterThan" => CompareDates(value) is { } cmp && cmp.Any(c => c > 0),
            _ => false,
        };
    }

    /// <summary>Compares the context date with each value; null when the key is absent or a date does not parse (the condition then fails).</summary>
    private List<int>? CompareDates(string? value)
    {
        if (!TryParseDate(value, out var actual))
        {
            return null;
        }

        var results = new List<int>(Values.Count);
        foreach (var v in Values)
        {
            if (!TryParseDate(v, out var limit))
            {
                return null;
            }

            results.Add(actual.CompareTo(limit));
        }

        return results;
    }

    private static bool TryParseDate(string? text, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out date);
}
