using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sentrely.Approval;

/// <summary>
/// Writes the JSON body posted to reviewer webhooks: the request's fields plus a Slack-compatible <c>text</c> line
/// naming the approve and deny commands. Written with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe).
/// </summary>
internal static class WebhookPayload
{
    private const int MaxResourcesInText = 5;

    /// <summary>Returns the UTF-8 JSON body for <paramref name="record"/>.</summary>
    public static byte[] Write(ApprovalRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("text", Text(record));
            w.WriteString("approvalId", record.Id);
            w.WriteString("tool", record.Tool);
            w.WriteString("sessionId", record.SessionId);
            w.WriteString("developer", record.Developer);
            w.WriteString("project", record.Project);
            WriteStrings(w, "resources", record.Resources);
            w.WritePropertyName("arguments");
            ApprovalJson.WriteArguments(w, record.Arguments);
            WriteStrings(w, "ruleIds", record.RuleIds);
            w.WriteString("via", record.Via);
            w.WriteString("summary", record.Summary);
            w.WriteString("created", record.Created.ToUniversalTime());
            w.WriteString("expires", record.Expires.ToUniversalTime());
            w.WriteString("approveCommand", ApproveCommand(record.Id));
            w.WriteString("denyCommand", DenyCommand(record.Id));
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Returns the command a reviewer runs to approve.</summary>
    public static string ApproveCommand(string id) => $"sentrely approvals approve {id}";

    /// <summary>Returns the command a reviewer runs to deny (the reason is optional).</summary>
    public static string DenyCommand(string id) => $"sentrely approvals deny {id}";

    /// <summary>Returns the one-line, Slack-compatible summary.</summary>
    public static string Text(ApprovalRecord record)
    {
        var resources = record.Resources.Count == 0
            ? "no specific resource"
            : string.Join(", ", record.Resources.Take(MaxResourcesInText))
                + (record.Resources.Count > MaxResourcesInText ? $" and {record.Resources.Count - MaxResourcesInText} more" : "");
        var expires = record.Expires.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .Append("🔐 Sentrely: ").Append(Escape(record.Developer)).Append("'s agent asks to run ").Append(Escape(record.Tool))
            .Append(" on ").Append(Escape(resources)).Append(" (session ").Append(Escape(record.SessionId)).Append(").")
            .Append(" Approve: `").Append(ApproveCommand(record.Id)).Append('`')
            .Append(" · Deny: `").Append(DenyCommand(record.Id)).Append(" --reason …`")
            .Append(" · expires ").Append(expires).Append(" UTC");
        return text.ToString();
    }

    // Slack reads <…> as links and mentions (<!channel>, <https://x|click here>); the developer, tool, session and
    // resources must stay plain text whatever they contain. Control and bidirectional characters become visible
    // escapes, so no value can break the one-line form or reorder what the reviewer reads.
    private static string Escape(string value) =>
        Audit.OperatorText.Escape(value)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
