using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;
using Sentrely.Sandbox.Signing;

namespace Sentrely.Sandbox.Services;

/// <summary>ListObjectsV2: prefix, delimiter, max-keys, continuation-token, start-after, encoding-type=url.</summary>
internal static class S3ListObjects
{
    private const string Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static SandboxResponse ListV2(SandboxCall call, string bucket, Dictionary<string, StringValues> query)
    {
        string? Param(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var prefix = Param("prefix");
        var delimiter = Param("delimiter");
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        // s3:prefix exists in the request context only when the caller sent a prefix parameter.
        if (prefix is not null)
        {
            context["s3:prefix"] = prefix;
        }

        if (delimiter is not null)
        {
            context["s3:delimiter"] = delimiter;
        }

        if (Param("max-keys") is { } maxKeysText)
        {
            context["s3:max-keys"] = maxKeysText;
        }

        if (!call.Authorize("s3:ListBucket", [new AccessCheck("s3:ListBucket", $"arn:aws:s3:::{bucket}", context)]))
        {
            return S3Service.AccessDenied(call);
        }

        var maxKeys = 1000;
        if (Param("max-keys") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys))
            {
                return ErrorResponses.S3(call.RequestId, 400, "InvalidArgument", "Provided max-keys not an integer or within integer range");
            }

            maxKeys = Math.Min(maxKeys, 1000);
        }

        var objects = call.Environment.State.SnapshotBucket(bucket);
        if (objects is null)
        {
            return S3Service.NoSuchBucket(call);
        }

        var token = Param("continuation-token");
        string? after = Param("start-after");
        string? skipPrefix = null;
        if (token is not null)
        {
            var decoded = DecodeToken(token);
            if (decoded is null)
            {
                return ErrorResponses.S3(call.RequestId, 400, "InvalidArgument", "The continuation token provided is incorrect");
            }

            (after, skipPrefix) = decoded[0] == 'P' ? (decoded[2..], decoded[2..]) : (decoded[2..], null);
        }

        var contents = new List<KeyValuePair<string, State.StoredObject>>();
        var prefixes = new List<string>();
        string? next = null, last = null;
        foreach (var entry in objects)
        {
            var key = entry.Key;
            if ((prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal))
                || (after is not null && string.CompareOrdinal(key, after) <= 0)
                || (skipPrefix is not null && key.StartsWith(skipPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            var common = CommonPrefix(key, prefix ?? string.Empty, delimiter);
            if (common is not null && prefixes.Count > 0 && prefixes[^1] == common)
            {
                continue;
            }

            if (contents.Count + prefixes.Count >= maxKeys)
            {
                next = last ?? string.Empty;
                break;
            }

            if (common is not null)
            {
                prefixes.Add(common);
                last = "P:" + common;
            }
            else
            {
                contents.Add(entry);
                last = "K:" + key;
            }
        }

        var url = Param("encoding-type") == "url";
        string Enc(string value) => url ? AwsUriEncoder.Encode(value, keepSlash: true) : value;
        return new SandboxResponse(200, "application/xml", XmlBody.Write(w =>
        {
            w.WriteStartElement("ListBucketResult", Ns);
            w.WriteElementString("Name", bucket);
            w.WriteElementString("Prefix", Enc(prefix ?? string.Empty));
            w.Element("Delimiter", delimiter is null ? null : Enc(delimiter));
            w.WriteElementString("MaxKeys", maxKeys.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("KeyCount", (contents.Count + prefixes.Count).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("IsTruncated", next is null ? "false" : "true");
            w.Element("ContinuationToken", token);
            w.Element("NextContinuationToken", string.IsNullOrEmpty(next) ? null : EncodeToken(next));
            w.Element("StartAfter", Param("start-after") is { } sa ? Enc(sa) : null);
            w.Element("EncodingType", url ? "url" : null);
            foreach (var (key, stored) in contents)
            {
                w.WriteStartElement("Contents");
                w.WriteElementString("Key", Enc(key));
                w.WriteElementString("LastModified", stored.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                w.WriteElementString("ETag", stored.ETag);
                w.WriteElementString("Size", stored.Data.LongLength.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("StorageClass", "STANDARD");
                w.WriteEndElement();
            }

            foreach (var common in prefixes)
            {
                w.WriteStartElement("CommonPrefixes");
                w.WriteElementString("Prefix", Enc(common));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }), null);
    }

    private static string? CommonPrefix(string key, string prefix, string? delimiter)
    {
        if (string.IsNullOrEmpty(delimiter))
        {
            return null;
        }

        var index = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return index < 0 ? null : key[..(index + delimiter.Length)];
    }

    private static string EncodeToken(string marker) => Convert.ToBase64String(Encoding.UTF8.GetBytes(marker));

    private static string? DecodeToken(string token)
    {
        try
        {
            var marker = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return marker.Length >= 2 && marker[1] == ':' && marker[0] is 'K' or 'P' ? marker : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
