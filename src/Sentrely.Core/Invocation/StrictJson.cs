using System.Text.Json;
using Sentrely.Arguments;

namespace Sentrely.Invocation;

/// <summary>Turns a binding failure into a short message naming the argument, without echoing the value.</summary>
public static class StrictJson
{
    /// <summary>Returns a message for <paramref name="exception"/>.</summary>
    /// <param name="exception">The binding failure.</param>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        var message = exception.Message;

        // System.Text.Json's messages are safe (they name types and paths, never values), but long; keep the first sentence.
        var firstSentence = message.IndexOf(". ", StringComparison.Ordinal) is var i and > 0 ? message[..i] : message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal) || message.Contains("unmapped", StringComparison.OrdinalIgnoreCase))
        {
            // The name is the caller's text: quoted and escaped, so control or bidi characters cannot reach a terminal or log.
            return $"{(path is null ? "an argument" : ArgumentText.Quote(path))} is not an argument of this tool (see its input schema)";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return firstSentence.Replace("JSON deserialization for type", "the call", StringComparison.Ordinal);
        }

        return path is null ? $"the arguments are malformed: {firstSentence}" : $"`{path}` has the wrong type or format";
    }
}
