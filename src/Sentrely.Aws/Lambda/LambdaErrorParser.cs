using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sentrely.Aws.Lambda;

/// <summary>
/// Reads Lambda error responses. The type comes from <c>X-Amzn-ErrorType</c>, else the body's <c>__type</c> or
/// <c>Type</c>; the message from <c>Message</c> or <c>message</c> (Lambda uses both casings).
/// </summary>
internal static class LambdaErrorParser
{
    private const int MaxMessageLength = 300;

    /// <summary>Returns the <c>x-amzn-RequestId</c> header when it looks like a request id.</summary>
    public static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var values) && values.FirstOrDefault() is { } id
            && id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? id
            : null;

    /// <summary>Builds the exception for a non-success response.</summary>
    public static LambdaApiException Parse(HttpResponseMessage response, byte[] body, string? requestId)
    {
        string? bodyType = null, awsMessage = null;
        int? retryAfter = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                bodyType = StringOf(root, "__type") ?? NotAFault(StringOf(root, "Type"));
                awsMessage = StringOf(root, "Message") ?? StringOf(root, "message");
                retryAfter = SecondsOf(root);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the header and status code still identify the error.
        }

        var headerType = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        var errorType = SafeType(headerType) ?? SafeType(bodyType) ?? "Unknown";
        var status = (int)response.StatusCode;
        retryAfter ??= response.Headers.RetryAfter?.Delta is { } delta ? (int)Math.Ceiling(delta.TotalSeconds) : null;
        if (status != 429)
        {
            retryAfter = null;
        }

        var text = Clean(awsMessage);
        var message = text is null
            ? $"Lambda refused the call: {errorType} (HTTP {status})."
            : $"Lambda refused the call: {errorType} (HTTP {status}): {text}";
        if (retryAfter is { } seconds)
        {
            message += $" Retry after {seconds} seconds.";
        }

        return new LambdaApiException(message)
        {
            ErrorType = errorType,
            StatusCode = status,
            RequestId = requestId,
            RetryAfterSeconds = retryAfter,
        };
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Lambda's body "Type" is often the fault class ("User", "Service"), not the error name.
    private static string? NotAFault(string? type) => type is "User" or "Service" or "Client" or "Server" ? null : type;

    private static int? SecondsOf(JsonElement root)
    {
        if (!root.TryGetProperty("retryAfterSeconds", out var value))
        {
            return null;
        }

        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var number) => number,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => double.NaN,
        };
        return double.IsFinite(parsed) && parsed >= 0 ? (int)Math.Min(Math.Ceiling(parsed), 3600) : null;
    }

    // "ResourceNotFoundException:http://internal.amazon.com/..." and "com.amazon.coral#Name" both become the bare name.
    private static string? SafeType(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var name = raw.Split(':')[0];
        name = name[(name.LastIndexOf('#') + 1)..].Trim();
        return name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
            ? name
            : null;
    }

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxMessageLength));
        foreach (var c in text)
        {
            if (builder.Length == MaxMessageLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
