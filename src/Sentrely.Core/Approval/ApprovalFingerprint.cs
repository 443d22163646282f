using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sentrely.Pipeline;

namespace Sentrely.Approval;

/// <summary>
/// Binds an approval to one exact call (invariant 8): SHA-256 over a canonical JSON form of the session, the tool,
/// every argument as sent (object keys sorted, strings decoded and re-encoded one way, numbers as written) and the
/// validated values, which include derived ones such as <c>contentSha256</c> of content read from a <c>path</c> —
/// so the same path with other bytes behind it is another call.
/// </summary>
public static class ApprovalFingerprint
{
    private const int MaxDepth = 64;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Returns the lower-case hex fingerprint of the validated call in <paramref name="context"/>.</summary>
    /// <param name="context">A call whose arguments are validated.</param>
    public static string Of(ToolCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = context.Arguments?.Values ?? throw new InvalidOperationException("the arguments must be validated before approval");
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("session", context.Request.Session.SessionId);
            w.WriteString("tool", context.Tool?.Manifest.Name ?? context.Request.ToolName);
            w.WritePropertyName("arguments");
            if (context.Request.Arguments is { ValueKind: not JsonValueKind.Undefined } arguments)
            {
                WriteCanonical(w, arguments, 0);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteStartObject("values");
            foreach (var (name, list) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                w.WriteStartArray(name);
                foreach (var value in list)
                {
                    w.WriteStringValue(value);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteCanonical(Utf8JsonWriter w, JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            // Validation refuses such input long before; a fingerprint is never computed over a partial value.
            throw new InvalidOperationException("arguments nested too deeply to fingerprint");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    w.WritePropertyName(property.Name);
                    WriteCanonical(w, property.Value, depth + 1);
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(w, item, depth + 1);
                }

                w.WriteEndArray();
                break;
            case JsonValueKind.String:
                w.WriteStringValue(element.GetString());
                break;
            default:
                // Numbers keep their text (1 and 1.0 are different calls: stricter is the safe side), as do true/false/null.
                element.WriteTo(w);
                break;
        }
    }
}
