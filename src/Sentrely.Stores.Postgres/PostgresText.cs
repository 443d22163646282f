using System.Text;

namespace Sentrely.Stores.Postgres;

/// <summary>
/// A reversible encoding of the one character PostgreSQL <c>text</c> cannot hold (U+0000), for audit columns, which
/// must read back exactly what was hashed. U+0000 becomes U+E000 '0' and U+E000 itself becomes U+E000 '1'; every other
/// text is stored unchanged, so the columns stay readable.
/// </summary>
internal static class PostgresText
{
    private const char Escape = '\uE000';

    /// <summary>Returns <paramref name="text"/> as stored.</summary>
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny('\0', Escape) < 0)
        {
            return text;
        }

        var stored = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\0' => stored.Append(Escape).Append('0'),
                Escape => stored.Append(Escape).Append('1'),
                _ => stored.Append(c),
            };
        }

        return stored.ToString();
    }

    /// <summary>Returns the value for an optional string parameter.</summary>
    public static object Optional(string? text) => text is null ? DBNull.Value : Encode(text);

    /// <summary>Returns the text <paramref name="stored"/> encodes; a dangling or unknown escape is <see cref="InvalidDataException"/>.</summary>
    public static string Decode(string stored)
    {
        if (stored.IndexOf(Escape, StringComparison.Ordinal) < 0)
        {
            return stored;
        }

        var text = new StringBuilder(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            if (stored[i] != Escape)
            {
                text.Append(stored[i]);
                continue;
            }

            text.Append(++i < stored.Length ? stored[i] switch
            {
                '0' => '\0',
                '1' => Escape,
                _ => throw new InvalidDataException("a stored text has an unknown escape"),
            } : throw new InvalidDataException("a stored text ends in an escape"));
        }

        return text.ToString();
    }
}
