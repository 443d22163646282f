using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sentrely.Audit;
using Sentrely.Sessions;

namespace Sentrely.Mcp.Http;

/// <summary>Request and response plumbing of the admin API: bounded JSON bodies, JSON answers, operator audit records.</summary>
internal static class AdminApiJson
{
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>Reads a JSON object body of at most 16 KiB; null (after answering 400) when it is missing, too large or not an object.</summary>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpContext context)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await context.Request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        if (read > MaxBodyBytes)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "the request body is larger than 16 KiB").ConfigureAwait(false);
            return null;
        }

        try
        {
            // An empty body is an empty object: every field of the admin API is optional or checked by its endpoint.
            var document = read == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(buffer.AsMemory(0, read), new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Answered below.
        }

        await ErrorAsync(context, StatusCodes.Status400BadRequest, "the request body must be a JSON object").ConfigureAwait(false);
        return null;
    }

    /// <summary>Returns the string property <paramref name="name"/>, or null when absent, null or not a string.</summary>
    public static string? String(JsonDocument body, string name) =>
        body.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Answers with the JSON object <paramref name="body"/> writes.</summary>
    public static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonObjects.ToText(body) + "\n", context.RequestAborted);
    }

    /// <summary>Answers <c>{"error": message}</c> with <paramref name="status"/>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, w => w.WriteString("error", message));

    /// <summary>Answers <c>{"items": [...], "text": [...]}</c>: the <c>--json</c> objects and the readable lines of a listing.</summary>
    public static Task ListAsync(HttpContext context, IEnumerable<string> jsonLines, IEnumerable<string> textLines) =>
        WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray("items");
            foreach (var line in jsonLines)
            {
                w.WriteRawValue(line, skipInputValidation: true);
            }

            w.WriteEndArray();
            w.WriteStrings("text", textLines);
        });

    /// <summary>Returns the authenticated developer and project (the endpoints' policies require both claims).</summary>
    public static (string Developer, string Project) Caller(HttpContext context) =>
        context.User.FindFirst(SentrelyClaims.Developer)?.Value is { Length: > 0 } developer && context.User.FindFirst(SentrelyClaims.Project)?.Value is { } project
            ? (developer, project)
            : throw new InvalidOperationException("the admin API ran without an authenticated identity");

    /// <summary>Returns an operator record of an admin API action by the authenticated caller.</summary>
    public static AuditRecord Record(HttpContext context, TimeProvider time, string callId, string phase, string tool, IReadOnlyList<string> resources, string decision, string reason, string? outcome, string? errorCode, string? sessionId = null)
    {
        var (developer, project) = Caller(context);
        return new AuditRecord
        {
            Id = Identifiers.NewAuditRecordId(),
            CallId = callId,
            Time = AuditTime.Truncate(time.GetUtcNow()),
            Phase = phase,
            SessionId = sessionId ?? "admin-api",
            Developer = developer,
            Project = project,
            Actor = "operator",
            Transport = "http",
            Tool = tool,
            Resources = resources,
            Decision = decision,
            Reason = reason,
            Outcome = outcome,
            ErrorCode = errorCode,
        };
    }
}
