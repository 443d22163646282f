using System.Buffers;
using System.Text.Json;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// The JSON-RPC error -32600 (Invalid Request) for a message refused unread for its size, over stdio and HTTP alike: the
/// request's id where it could be read cheaply (<see cref="JsonRpcIdScanner"/>), else null.
/// </summary>
internal static class InvalidRequestResponse
{
    /// <summary>Returns the top-level id (its JSON text) found in the first bytes of a message, or null.</summary>
    /// <param name="head">The message's first bytes.</param>
    public static string? IdOf(ReadOnlySpan<byte> head)
    {
        var scanner = new JsonRpcIdScanner();
        scanner.Feed(head);
        return scanner.Id;
    }

    /// <summary>Returns the error response, without a newline.</summary>
    /// <param name="idJson">The id as the scanner found it (a number, or a quoted JSON string), or null.</param>
    /// <param name="message">What was refused and why.</param>
    public static byte[] Create(string? idJson, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WritePropertyName("id");
            if (idJson is { } id)
            {
                // The scanner accepts only a number or a well-formed JSON string: written back as the client sent it.
                w.WriteRawValue(id, skipInputValidation: false);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteStartObject("error");
            w.WriteNumber("code", -32600);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
