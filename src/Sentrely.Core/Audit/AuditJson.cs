using System.Text.Json;

namespace Sentrely.Audit;

/// <summary>Converts audit records to and from JSON Lines, the export format (one record per line).</summary>
/// <remarks>
/// Fields carry DESIGN.md's names; <c>time</c> is <see cref="AuditTime.Format"/>; <c>arguments</c> is embedded as a
/// JSON value and read back to the identical text, so an exported log verifies exactly as the stored one. Stored
/// text that cannot be embedded unchanged (not a single JSON value, containing line breaks, or the literal
/// <c>null</c>) is written as <c>"arguments":null,"argumentsText":"…"</c> instead.
/// </remarks>
public static class AuditJson
{
    /// <summary>Returns <paramref name="record"/> as one line of JSON, without a line terminator.</summary>
    /// <param name="record">The record.</param>
    public static string ToJsonLine(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var embeddable = record.Arguments is null || IsEmbeddable(record.Arguments);
        var line = new AuditJsonLine
        {
            Id = record.Id,
            Seq = record.Seq,
            CallId = record.CallId,
            Time = AuditTime.Format(record.Time),
            Phase = record.Phase,
            SessionId = record.SessionId,
            Developer = record.Developer,
            Project = record.Project,
            Actor = record.Actor,
            Client = record.Client,
            Transport = record.Transport,
            Tool = record.Tool,
            Arguments = embeddable ? record.Arguments : null,
            ArgumentsText = embeddable ? null : record.Arguments,
            Resources = record.Resources ?? [],
            Decision = record.Decision,
            RuleIds = record.RuleIds ?? [],
            Reason = record.Reason,
            RoleArn = record.RoleArn,
            RoleSessionName = record.RoleSessionName,
            SourceIdentity = record.SourceIdentity,
            AwsRequestIds = record.AwsRequestIds ?? [],
            Outcome = record.Outcome,
            ErrorCode = record.ErrorCode,
            DurationMs = record.DurationMs,
            PrevHash = record.PrevHash,
            Hash = record.Hash,
            Hmac = record.Hmac,
        };
        return JsonSerializer.Serialize(line, AuditJsonContext.Default.AuditJsonLine);
    }

    /// <summary>Parses one JSON line written by <see cref="ToJsonLine"/>; returns null for a blank line.</summary>
    /// <param name="line">The line.</param>
    /// <exception cref="JsonException">The line is not a valid audit record.</exception>
    public static AuditRecord? FromJsonLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        var r = JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditJsonLine)
            ?? throw new JsonException("An audit line must be a JSON object, not null.");
        if (!AuditTime.TryParse(r.Time, out var time))
        {
            throw new JsonException($"Audit record {r.Seq} has time '{r.Time}', expected yyyy-MM-ddTHH:mm:ss.fffZ.");
        }

        return new AuditRecord
        {
            Id = r.Id,
            Seq = r.Seq,
            CallId = r.CallId,
            Time = time,
            Phase = r.Phase,
            SessionId = r.SessionId,
            Developer = r.Developer,
            Project = r.Project,
            Actor = r.Actor,
            Client = r.Client,
            Transport = r.Transport,
            Tool = r.Tool,
            Arguments = r.ArgumentsText ?? r.Arguments,
            Resources = r.Resources ?? [],
            Decision = r.Decision,
            RuleIds = r.RuleIds ?? [],
            Reason = r.Reason,
            RoleArn = r.RoleArn,
            RoleSessionName = r.RoleSessionName,
            SourceIdentity = r.SourceIdentity,
            AwsRequestIds = r.AwsRequestIds ?? [],
            Outcome = r.Outcome,
            ErrorCode = r.ErrorCode,
            DurationMs = r.DurationMs,
            PrevHash = r.PrevHash,
            Hash = r.Hash,
            Hmac = r.Hmac,
        };
    }

    private static bool IsEmbeddable(string text)
    {
        if (text.Length == 0 || text == "null" || text.AsSpan().IndexOfAny('\r', '\n') >= 0
            || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            // Re-reading must give back the same text; it does for any single value without surrounding blanks.
            return string.Equals(document.RootElement.GetRawText(), text, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
