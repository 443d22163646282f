using System.Globalization;
using System.Text;

namespace Sentrely.Audit;

/// <summary>
/// Makes a value safe to show to an operator: every character that could forge a line, move the cursor or reorder
/// displayed text becomes a visible escape (<c>\n</c>, <c>\x1b</c>, <c>\u202e</c>). Used for every text an operator
/// reads (audit tail, sessions, approvals and tokens lists, doctor, webhooks, log lines) and for the tool names the
/// audit log stores.
/// </summary>
/// <remarks>
/// Escaped: C0 and C1 controls, DEL, Unicode format characters (bidirectional marks, embeddings, overrides and
/// isolates, zero-width characters, U+061C), line and paragraph separators, and lone surrogates. A backslash is left as
/// it is, so text that holds no such character (paths, ARNs, reasons) reads unchanged; a literal <c>\n</c> can thus
/// look like an escape, but it can never become a line break.
/// </remarks>
public static class OperatorText
{
    /// <summary>
    /// Returns <paramref name="value"/> escaped and at most <paramref name="maxLength"/> characters long: a longer text keeps
    /// its first half and names the whole by its SHA-256, so a caller cannot fill the store or a screen with one name.
    /// </summary>
    /// <param name="value">The text, often written by an agent or a client.</param>
    /// <param name="maxLength">The longest text kept as it is.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? Bounded(string? value, int maxLength)
    {
        var escaped = Escape(value);
        return escaped is null || escaped.Length <= maxLength
            ? escaped
            : $"{escaped[..(maxLength / 2)]}…(sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value!)))})";
    }

    /// <summary>Returns <paramref name="value"/> with every unsafe character escaped; null stays null.</summary>
    /// <param name="value">The text, often written by an agent or a client.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? Escape(string? value)
    {
        if (value is null || IndexOfUnsafe(value) is not (var first and >= 0))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var rune = new Rune(c, value[i + 1]);
                if (IsUnsafe(Rune.GetUnicodeCategory(rune)))
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                }
                else
                {
                    builder.Append(c).Append(value[i + 1]);
                }

                i++;
            }
            else if (char.IsSurrogate(c) || IsUnsafe(c))
            {
                AppendEscape(builder, c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Returns whether <paramref name="value"/> holds a character <see cref="Escape"/> would escape.</summary>
    /// <param name="value">The text.</param>
    public static bool NeedsEscape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IndexOfUnsafe(value) >= 0;
    }

    /// <summary>Returns whether <paramref name="c"/>, a character outside a surrogate pair, is escaped.</summary>
    /// <param name="c">The character.</param>
    public static bool IsUnsafe(char c) => c < 0x20 || c is >= '\u007f' and <= '\u009f' || (c >= 0xA0 && IsUnsafe(CharUnicodeInfo.GetUnicodeCategory(c)));

    private static bool IsUnsafe(UnicodeCategory category) =>
        category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static int IndexOfUnsafe(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (IsUnsafe(Rune.GetUnicodeCategory(new Rune(c, value[i + 1]))))
                {
                    return i;
                }

                i++;
            }
            else if (char.IsSurrogate(c) || IsUnsafe(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static void AppendEscape(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '\n':
                builder.Append("\\n");
                break;
            case '\r':
                builder.Append("\\r");
                break;
            case '\t':
                builder.Append("\\t");
                break;
            case <= '\u00ff':
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                break;
            default:
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                break;
        }
    }
}
