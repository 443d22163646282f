using System.Buffers;

namespace Sentrely.Arguments;

/// <summary>
/// Checks agent-supplied arguments against AWS's naming rules, narrowed so that no value can widen the IAM
/// session policy built from it. Each check returns null when the value is valid, else a short message naming
/// the argument and what is allowed. Values are accepted exactly as given or refused, never adjusted.
/// </summary>
public static partial class AwsArgumentRules
{
    private static readonly SearchValues<char> IamSpecialChars = SearchValues.Create("*?$");

    /// <summary>Formats a caller's value for a refusal message: quoted, cut short, control and bidi characters escaped.</summary>
    /// <param name="value">The value as the caller sent it.</param>
    public static string Quote(string value) => ArgumentText.Quote(value);

    /// <summary>Checks free text: at most <paramref name="maxLength"/> characters, no control characters except tab, line feed and carriage return, valid UTF-16.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <param name="maxLength">The most characters allowed.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckText(string argument, string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maxLength)
        {
            return $"`{argument}` must be at most {maxLength} characters; got {value.Length}.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (ArgumentText.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return ControlCharacter(argument, c, i, "other than tab, line feed and carriage return");
            }
        }

        return LoneSurrogate(argument, value);
    }

    /// <summary>Checks a resource tag: key 1–128 and value 0–256 characters of letters, digits, spaces and <c>_ . : / = + - @</c>; the key must not start with <c>aws:</c>.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="key">The tag key.</param>
    /// <param name="value">The tag value.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckTag(string argument, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.Length == 0 || key.Length > ArgumentLimits.MaxTagKeyLength)
        {
            return $"`{argument}`: a tag key must be 1–{ArgumentLimits.MaxTagKeyLength} characters; got {key.Length}.";
        }

        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            return $"`{argument}`: tag key {ArgumentText.Quote(key)} starts with \"aws:\", which AWS reserves.";
        }

        var keyError = CheckTagText(argument, "tag key", key);
        if (keyError is not null)
        {
            return keyError;
        }

        if (value.Length > ArgumentLimits.MaxTagValueLength)
        {
            return $"`{argument}`: the value of tag {ArgumentText.Quote(key)} must be at most {ArgumentLimits.MaxTagValueLength} characters; got {value.Length}.";
        }

        return CheckTagText(argument, $"value of tag {ArgumentText.Quote(key)}", value);
    }

    private static string? CheckTagText(string argument, string what, string text)
    {
        var special = text.AsSpan().IndexOfAny(IamSpecialChars);
        if (special >= 0)
        {
            return $"`{argument}`: the {what} must not contain * ? or $ (IAM wildcard and policy-variable characters); got {ArgumentText.Quote(text)}.";
        }

        return AwsPatterns.TagText().IsMatch(text)
            ? null
            : $"`{argument}`: the {what} may contain only letters, digits, spaces and _ . : / = + - @; got {ArgumentText.Quote(text)}.";
    }

    private static string ControlCharacter(string argument, char c, int index, string? exception = null) =>
        $"`{argument}` must not contain control characters{(exception is null ? string.Empty : " " + exception)}; found {ArgumentText.DescribeChar(c)} at index {index}.";

    private static string? LoneSurrogate(string argument, string value)
    {
        var index = ArgumentText.IndexOfLoneSurrogate(value);
        return index < 0
            ? null
            : $"`{argument}` is not valid Unicode: lone surrogate {ArgumentText.DescribeChar(value[index])} at index {index}.";
    }

    private static string Refuse(string argument, string rule, string value) =>
        $"`{argument}` {rule}; got {ArgumentText.Quote(value)}.";
}
