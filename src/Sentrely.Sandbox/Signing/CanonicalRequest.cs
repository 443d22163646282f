using System.Text;
using System.Text.RegularExpressions;

namespace Sentrely.Sandbox.Signing;

/// <summary>Builds the SigV4 canonical request from what was received on the wire.</summary>
internal static partial class CanonicalRequest
{
    /// <param name="method">The HTTP method.</param>
    /// <param name="rawPath">The path exactly as received (still percent-encoded).</param>
    /// <param name="rawQuery">The query string as received, without '?'.</param>
    /// <param name="headerValue">Gets a header's values (joined by ','), or null when absent.</param>
    /// <param name="signedHeaders">The lowercase signed header names.</param>
    /// <param name="payloadHash">The payload hash line.</param>
    /// <param name="singleEncodePath">S3 encodes the path once; every other service twice.</param>
    public static string Build(
        string method,
        string rawPath,
        string rawQuery,
        Func<string, string?> headerValue,
        IReadOnlyList<string> signedHeaders,
        string payloadHash,
        bool singleEncodePath)
    {
        var builder = new StringBuilder(512);
        builder.Append(method).Append('\n');
        builder.Append(CanonicalPath(rawPath, singleEncodePath)).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = headerValue(name) ?? string.Empty;
            builder.Append(name).Append(':').Append(Whitespace().Replace(value.Trim(), " ")).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    private static string CanonicalPath(string rawPath, bool singleEncode)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        var segments = rawPath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            // S3 canonicalises the decoded key once; other services re-encode the already-encoded wire path.
            segments[i] = singleEncode
                ? AwsUriEncoder.Encode(AwsUriEncoder.Decode(segments[i]))
                : AwsUriEncoder.Encode(segments[i]);
        }

        return string.Join('/', segments);
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            pairs.Add((AwsUriEncoder.Encode(AwsUriEncoder.Decode(name)), AwsUriEncoder.Encode(AwsUriEncoder.Decode(value))));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Whitespace();
}
