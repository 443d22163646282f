using System.Text;

namespace Sentrely.Sandbox.Signing;

/// <summary>RFC 3986 percent-encoding as SigV4 defines it (unreserved characters kept, uppercase hex).</summary>
internal static class AwsUriEncoder
{
    public static string Encode(string value, bool keepSlash = false)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX escapes; '+' stays '+' (SigV4 clients encode spaces as %20).</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value);
}
