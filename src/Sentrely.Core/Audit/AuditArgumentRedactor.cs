using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sentrely.Audit;

/// <summary>Turns a call's arguments into the text an audit record keeps: blobs as size and SHA-256, secrets masked, long strings capped.</summary>
public static class AuditArgumentRedactor
{
    private const string BlobNameSuffix = "Base64";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Readable in sqlite3/psql; the hash chain escapes this text again with its own fixed rules.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Returns compact JSON text for <paramref name="arguments"/>. For an object, each top-level argument named in
    /// <paramref name="maskedArguments"/> becomes <c>"***"</c>; each named in <paramref name="blobArguments"/> becomes
    /// <c>{"size":N,"sha256":"hex"}</c> (the decoded bytes when the name ends in <c>Base64</c>, else the string's
    /// UTF-8 bytes); any other string, at any depth, longer than <paramref name="maxStringLength"/> characters
    /// becomes <c>{"truncated":true,"size":N,"sha256":"hex"}</c> over its UTF-8 bytes. Anything else (null, an
    /// array, a string) is recorded as given, capped the same way. The output depends only on the input.
    /// </summary>
    /// <param name="arguments">The arguments as received; null when none were sent.</param>
    /// <param name="blobArguments">The names of content arguments (manifest-declared); matched ignoring case.</param>
    /// <param name="maskedArguments">The names of secret arguments (manifest-declared); matched ignoring case.</param>
    /// <param name="maxStringLength">The longest string kept verbatim, in UTF-16 characters.</param>
    /// <remarks>Names are matched ignoring case so that a differently-cased secret is still masked: masking too much is the safe error.</remarks>
    public static string Redact(
        JsonElement? arguments,
        IReadOnlyCollection<string> blobArguments,
        IReadOnlyCollection<string> maskedArguments,
        int maxStringLength = 1024)
    {
        ArgumentNullException.ThrowIfNull(blobArguments);
        ArgumentNullException.ThrowIfNull(maskedArguments);
        ArgumentOutOfRangeException.ThrowIfNegative(maxStringLength);

        var blobs = new HashSet<string>(blobArguments, StringComparer.OrdinalIgnoreCase);
        var masked = new HashSet<string>(maskedArguments, StringComparer.OrdinalIgnoreCase);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (arguments is not { ValueKind: not JsonValueKind.Undefined } root)
            {
                w.WriteNullValue();
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                w.WriteStartObject();
                foreach (var property in root.EnumerateObject())
                {
                    var name = PropertyName(property);
                    WriteName(w, name, maxStringLength);
                    if (masked.Contains(name))
                    {
                        w.WriteStringValue("***");
                    }
                    else if (blobs.Contains(name))
                    {
                        WriteBlob(w, name, property.Value);
                    }
                    else
                    {
                        WriteValue(w, property.Value, maxStringLength);
                    }
                }

                w.WriteEndObject();
            }
            else
            {
                WriteValue(w, root, maxStringLength);
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter w, JsonElement value, int max)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    WriteName(w, PropertyName(property), max);
                    WriteValue(w, property.Value, max);
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(w, item, max);
                }

                w.WriteEndArray();
                break;
            case JsonValueKind.String when TryGetString(value, out var text):
                if (text.Length > max)
                {
                    WriteDigest(w, Encoding.UTF8.GetBytes(text), truncated: true);
                }
                else
                {
                    w.WriteStringValue(text);
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                w.WriteBooleanValue(value.GetBoolean());
                break;
            case JsonValueKind.Null:
                w.WriteNullValue();
                break;
            default:
                // Numbers, and strings whose escapes are not valid UTF-16: keep the JSON text as received.
                var raw = value.GetRawText();
                if (raw.Length > max)
                {
                    WriteDigest(w, Encoding.UTF8.GetBytes(raw), truncated: true);
                }
                else
                {
                    w.WriteRawValue(raw, skipInputValidation: true);
                }

                break;
        }
    }

    private static void WriteBlob(Utf8JsonWriter w, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            w.WriteNullValue();
            return;
        }

        var text = TryGetString(value, out var s) ? s : value.GetRawText();
        if (name.EndsWith(BlobNameSuffix, StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.String)
        {
            var decoded = new byte[text.Length];
            if (Convert.TryFromBase64String(text, decoded, out var written))
            {
                WriteDigest(w, decoded.AsSpan(0, written), truncated: false);
                return;
            }

            WriteDigest(w, Encoding.UTF8.GetBytes(text), truncated: false, invalidBase64: true);
            return;
        }

        WriteDigest(w, Encoding.UTF8.GetBytes(text), truncated: false);
    }

    private static void WriteDigest(Utf8JsonWriter w, ReadOnlySpan<byte> bytes, bool truncated, bool invalidBase64 = false)
    {
        w.WriteStartObject();
        if (truncated)
        {
            w.WriteBoolean("truncated", true);
        }

        w.WriteNumber("size", bytes.Length);
        w.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        if (invalidBase64)
        {
            w.WriteBoolean("invalidBase64", true);
        }

        w.WriteEndObject();
    }

    private static void WriteName(Utf8JsonWriter w, string name, int max)
    {
        if (name.Length <= max)
        {
            w.WritePropertyName(name);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(name);
        w.WritePropertyName($"(truncated name: size {bytes.Length}, sha256 {Convert.ToHexStringLower(SHA256.HashData(bytes))})");
    }

    private static string PropertyName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            // A name whose escapes are not valid UTF-16 (a lone surrogate): it can match no declared argument.
            return "\uFFFD";
        }
    }

    private static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return value.ValueKind == JsonValueKind.String;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}
