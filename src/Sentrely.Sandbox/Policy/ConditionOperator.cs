using System.Globalization;

namespace Sentrely.Sandbox.Policy;

/// <summary>A condition operator taken apart: set qualifier, base operator (positive form), negation and <c>IfExists</c>.</summary>
internal readonly record struct ConditionOperator(ConditionSet Set, string Base, bool Negated, bool IfExists)
{
    // Positive base operator for every supported name; the Not forms map onto them with Negated set.
    private static readonly Dictionary<string, (string Base, bool Negated)> Names = new(StringComparer.Ordinal)
    {
        ["StringEquals"] = ("StringEquals", false),
        ["StringNotEquals"] = ("StringEquals", true),
        ["StringEqualsIgnoreCase"] = ("StringEqualsIgnoreCase", false),
        ["StringNotEqualsIgnoreCase"] = ("StringEqualsIgnoreCase", true),
        ["StringLike"] = ("StringLike", false),
        ["StringNotLike"] = ("StringLike", true),
        // ArnEquals and ArnLike behave the same in IAM: both accept wildcards.
        ["ArnEquals"] = ("ArnLike", false),
        ["ArnLike"] = ("ArnLike", false),
        ["ArnNotEquals"] = ("ArnLike", true),
        ["ArnNotLike"] = ("ArnLike", true),
        ["NumericEquals"] = ("NumericEquals", false),
        ["NumericNotEquals"] = ("NumericEquals", true),
        ["NumericLessThan"] = ("NumericLessThan", false),
        ["NumericLessThanEquals"] = ("NumericLessThanEquals", false),
        ["NumericGreaterThan"] = ("NumericGreaterThan", false),
        ["NumericGreaterThanEquals"] = ("NumericGreaterThanEquals", false),
        ["DateEquals"] = ("DateEquals", false),
        ["DateNotEquals"] = ("DateEquals", true),
        ["DateLessThan"] = ("DateLessThan", false),
        ["DateLessThanEquals"] = ("DateLessThanEquals", false),
        ["DateGreaterThan"] = ("DateGreaterThan", false),
        ["DateGreaterThanEquals"] = ("DateGreaterThanEquals", false),
        ["Bool"] = ("Bool", false),
        ["Null"] = ("Null", false),
    };

    /// <summary>Takes <paramref name="name"/> apart; false for operators the evaluator does not support.</summary>
    public static bool TryParse(string name, out ConditionOperator op)
    {
        op = default;
        var set = ConditionSet.None;
        var rest = name;
        if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            set = ConditionSet.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        else if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            set = ConditionSet.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }

        var ifExists = rest.EndsWith("IfExists", StringComparison.Ordinal) && rest != "IfExists";
        if (ifExists)
        {
            rest = rest[..^"IfExists".Length];
        }

        // IAM does not allow Null to be qualified.
        if (!Names.TryGetValue(rest, out var known) || (known.Base == "Null" && (ifExists || set != ConditionSet.None)))
        {
            return false;
        }

        op = new ConditionOperator(set, known.Base, known.Negated, ifExists);
        return true;
    }

    /// <summary>Returns whether the context <paramref name="actual"/> matches the policy <paramref name="expected"/> under <paramref name="baseOperator"/>.</summary>
    public static bool Matches(string baseOperator, string expected, string actual) => baseOperator switch
    {
        "StringEquals" => string.Equals(expected, actual, StringComparison.Ordinal),
        "StringEqualsIgnoreCase" => string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase),
        "StringLike" or "ArnLike" => Glob.IsMatch(expected, actual, ignoreCase: false),
        "Bool" => bool.TryParse(expected, out var e) && bool.TryParse(actual, out var a) && e == a,
        "NumericEquals" => CompareNumbers(expected, actual) is 0,
        "NumericLessThan" => CompareNumbers(expected, actual) is < 0,
        "NumericLessThanEquals" => CompareNumbers(expected, actual) is <= 0,
        "NumericGreaterThan" => CompareNumbers(expected, actual) is > 0,
        "NumericGreaterThanEquals" => CompareNumbers(expected, actual) is >= 0,
        "DateEquals" => CompareDates(expected, actual) is 0,
        "DateLessThan" => CompareDates(expected, actual) is < 0,
        "DateLessThanEquals" => CompareDates(expected, actual) is <= 0,
        "DateGreaterThan" => CompareDates(expected, actual) is > 0,
        "DateGreaterThanEquals" => CompareDates(expected, actual) is >= 0,
        _ => false,
    };

    /// <summary>Compares actual with expected; null (no match) when either does not parse.</summary>
    private static int? CompareNumbers(string expected, string actual) =>
        TryNumber(expected, out var limit) && TryNumber(actual, out var value) ? value.CompareTo(limit) : null;

    /// <summary>Compares actual with expected as instants; null (no match) when either does not parse.</summary>
    private static int? CompareDates(string expected, string actual) =>
        TryDate(expected, out var limit) && TryDate(actual, out var value) ? value.CompareTo(limit) : null;

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryDate(string text, out DateTimeOffset date)
    {
        // IAM dates are ISO 8601 or epoch seconds.
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch < 253402300800)
        {
            date = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
    }
}
