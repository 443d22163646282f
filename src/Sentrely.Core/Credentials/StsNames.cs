using System.Text;

namespace Sentrely.Credentials;

/// <summary>
/// Sanitises values for STS: RoleSessionName and SourceIdentity (2–64 characters of <c>[\w+=,.@-]</c>)
/// and session tag values (at most 256 characters of <c>[\p{L}\p{Z}\p{N}_.:/=+\-@]</c>).
/// Characters outside a charset become <c>-</c>; nothing is ever dropped silently into a different meaning.
/// </summary>
public static class StsNames
{
    /// <summary>Gets the longest RoleSessionName or SourceIdentity STS accepts.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Gets the longest session tag value STS accepts.</summary>
    public const int MaxTagValueLength = 256;

    /// <summary>Returns <paramref name="value"/> fitted to the RoleSessionName/SourceIdentity charset and length.</summary>
    /// <param name="value">The raw value, for example an OS user name.</param>
    public static string SourceIdentity(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(Math.Min(value.Length, MaxNameLength));
        foreach (var rune in value.EnumerateRunes())
        {
            if (sb.Length == MaxNameLength)
            {
                break;
            }

            sb.Append(rune.IsAscii && IsNameChar((char)rune.Value) ? (char)rune.Value : '-');
        }

        // STS needs two characters at least; "aws:" cannot occur because ':' is outside the charset.
        while (sb.Length < 2)
        {
            sb.Append('-');
        }

        return sb.ToString();
    }

    /// <summary>Returns the RoleSessionName of a call: <c>sess_….call_…</c>, which names the session and the call.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="callId">The call id.</param>
    public static string RoleSessionName(string sessionId, string callId) => SourceIdentity($"{sessionId}.{callId}");

    /// <summary>Returns <paramref name="value"/> fitted to the session tag value charset and length.</summary>
    /// <param name="value">The raw value.</param>
    public static string TagValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(Math.Min(value.Length, MaxTagValueLength));
        foreach (var rune in value.EnumerateRunes())
        {
            var s = rune.ToString();
            if (sb.Length + s.Length > MaxTagValueLength)
            {
                break;
            }

            sb.Append(IsTagRune(rune) ? s : "-");
        }

        return sb.ToString();
    }

    private static bool IsNameChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-';

    private static bool IsTagRune(Rune r) =>
        Rune.IsLetter(r) || Rune.IsDigit(r) || Rune.IsNumber(r) || Rune.GetUnicodeCategory(r) is System.Globalization.UnicodeCategory.SpaceSeparator
        || (r.IsAscii && (char)r.Value is '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@');
}
