using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sentrely.Iam;

/// <summary>Small JSON helpers shared by the IAM plan renderers.</summary>
internal static class IamJsonText
{
    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the JSON text.</summary>
    /// <remarks>The output is a file people read and edit, never HTML: quotes stay <c>\"</c> rather than <c>\u0022</c>.</remarks>
    public static string Render(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes JSON text (an event pattern) as a JSON value; throws <see cref="JsonException"/> if it is not JSON.</summary>
    public static void WriteParsed(Utf8JsonWriter writer, string json)
    {
        using var document = JsonDocument.Parse(json);
        document.RootElement.WriteTo(writer);
    }

    /// <summary>Returns the trust policy with every statement's principal replaced, as a parsed document.</summary>
    public static JsonDocument TrustWithPrincipal(IamPolicyDocument trust, string principal) =>
        JsonDocument.Parse(new IamPolicyDocument([.. trust.Statements.Select(s => s with { PrincipalAws = principal })]).ToJson());
}
