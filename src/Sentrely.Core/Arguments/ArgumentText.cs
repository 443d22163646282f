using System.Globalization;
using System.Text;

namespace Sentrely.Arguments;

/// <summary>Formats refused values for error messages and classifies characters every validator refuses.</summary>
internal static class ArgumentText
{
    /// <summary>Returns <paramref name="value"/> quoted, cut to <see cref="ArgumentLimits.MaxQuotedLength"/> characters, with control, format and surrogate characters escaped.</summary>
    public static string Quote(string value)
    {
        var length = Math.Min(value.Length, ArgumentLimits.MaxQuotedLength);
        // Do not cut a surrogate pair in half: the half would be escaped and look like a lone surrogate.
        if (length < value.Length && length > 0 && char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }

        var builder = new StringBuilder(length + 32);
        builder.Append('"');
        for (var i = 0; i < length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (NeedsEscape(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append('"');
        if (length < value.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)");
        }

        return builder.ToString();
    }

    /// <summary>Returns whether <paramref name="c"/> is a C0/C1 control character or DEL.</summary>
    public static bool IsControl(char c) => c < 0x20 || (c >= 0x7F && c <= 0x9F);

    /// <summary>Returns whether <paramref name="c"/> reorders displayed text (bidirectional embedding, override or isolate), so a value could read differently to an approver.</summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Returns the index of the first character that is a lone surrogate, or -1.</summary>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Returns a short description of a refused character, such as <c>U+0000</c> or <c>'*'</c>.</summary>
    public static string DescribeChar(char c) =>
        NeedsEscape(c) || c == ' ' ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}") : $"'{c}'";

    private static bool NeedsEscape(char c) => char.IsSurrogate(c) || Audit.OperatorText.IsUnsafe(c);
}
