namespace Sentrely.Arguments;

/// <summary>Lambda function names and qualifiers.</summary>
public static partial class AwsArgumentRules
{
    /// <summary>The only qualifier that contains '$'.</summary>
    public const string LatestQualifier = "$LATEST";

    /// <summary>Checks a plain Lambda function name: 1–64 characters of <c>A-Z a-z 0-9 _ -</c>.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckFunctionName(string argument, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AwsPatterns.FunctionName().IsMatch(value)
            ? null
            : Refuse(argument, "must be a function name: 1–64 characters of A-Z a-z 0-9 _ -", value);
    }

    /// <summary>
    /// Checks a Lambda qualifier: exactly <c>$LATEST</c>, a version number (1–10 digits), or an alias name
    /// (1–128 characters of <c>A-Z a-z 0-9 _ -</c>, not all digits).
    /// </summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckQualifier(string argument, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.Equals(value, LatestQualifier, StringComparison.Ordinal))
        {
            return null;
        }

        if (value.Length > ArgumentLimits.MaxAliasLength)
        {
            return $"`{argument}` must be at most {ArgumentLimits.MaxAliasLength} characters; got {value.Length}.";
        }

        if (value.Contains('$', StringComparison.Ordinal))
        {
            return Refuse(argument, "may contain '$' only as the exact value \"$LATEST\"", value);
        }

        if (AwsPatterns.AllDigits().IsMatch(value))
        {
            return AwsPatterns.FunctionVersion().IsMatch(value)
                ? null
                : Refuse(argument, $"looks like a version number, but versions have at most {ArgumentLimits.MaxVersionDigits} digits", value);
        }

        return AwsPatterns.FunctionAlias().IsMatch(value)
            ? null
            : Refuse(argument, "must be \"$LATEST\" (the only value with '$'), a version number (1–10 digits) or an alias name (1–128 characters of A-Z a-z 0-9 _ -, not all digits)", value);
    }
}
