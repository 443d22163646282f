using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Sentrely.Audit;

/// <summary>Computes the hash chain that makes the audit log tamper-evident (DESIGN.md invariant 7).</summary>
/// <remarks>
/// <para>
/// <c>hash = lowercase hex SHA-256( prevHash + "\n" + canonical JSON )</c>, where the canonical JSON is one
/// object holding every field but <c>hash</c> in DESIGN.md's order, written without whitespace; <c>time</c> is
/// <see cref="AuditTime.Format"/>; null values are written as <c>null</c>, lists as arrays in order and
/// <c>arguments</c> as a string holding its stored JSON text.
/// </para>
/// <para>
/// Strings are escaped with an encoder that allows only Basic Latin and escapes everything else as
/// <c>\uXXXX</c>: that rule depends on no Unicode data table, so the same record hashes the same on every
/// runtime version. Changing anything here invalidates every existing log.
/// </para>
/// <para>
/// <see cref="AuditRecord.Hmac"/> is deliberately outside the canonical form: it is a signature of the hash, so
/// it cannot be an input to it, and a log written without a key hashes the same as one written with a key.
/// </para>
/// </remarks>
public static class AuditHashChain
{
    /// <summary>Gets the <c>prevHash</c> of the first record: 64 zeros.</summary>
    public static string GenesisHash { get; } = new('0', 64);

    private static readonly JsonWriterOptions CanonicalWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin),
        Indented = false,
    };

    /// <summary>Returns the hash of <paramref name="record"/> over its <see cref="AuditRecord.PrevHash"/> and every other field but <see cref="AuditRecord.Hash"/>.</summary>
    /// <param name="record">The record.</param>
    public static string ComputeHash(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var canonical = GetCanonicalJson(record);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(record.PrevHash ?? ""));
        sha.AppendData("\n"u8);
        sha.AppendData(canonical.WrittenSpan);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// Returns <paramref name="record"/> in the form that survives storage unchanged: time in UTC truncated to
    /// milliseconds, strings as well-formed UTF-16 (a lone surrogate becomes U+FFFD), null lists and list entries
    /// as empty. Stores call this before hashing, so what they hash is exactly what they read back.
    /// </summary>
    /// <param name="record">The record.</param>
    public static AuditRecord Normalize(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with
        {
            Id = Text(record.Id),
            CallId = Text(record.CallId),
            Time = AuditTime.Truncate(record.Time),
            Phase = Text(record.Phase),
            SessionId = Text(record.SessionId),
            Developer = Text(record.Developer),
            Project = Text(record.Project),
            Actor = Text(record.Actor),
            Client = OptionalText(record.Client),
            Transport = Text(record.Transport),
            Tool = Text(record.Tool),
            Arguments = OptionalText(record.Arguments),
            Resources = List(record.Resources),
            Decision = Text(record.Decision),
            RuleIds = List(record.RuleIds),
            Reason = OptionalText(record.Reason),
            RoleArn = OptionalText(record.RoleArn),
            RoleSessionName = OptionalText(record.RoleSessionName),
            SourceIdentity = OptionalText(record.SourceIdentity),
            AwsRequestIds = List(record.AwsRequestIds),
            Outcome = OptionalText(record.Outcome),
            ErrorCode = OptionalText(record.ErrorCode),
            PrevHash = Text(record.PrevHash),
            Hash = Text(record.Hash),
        };
    }

    /// <summary>Writes the canonical JSON of every field but <c>hash</c>; internal so tests can pin the exact bytes.</summary>
    internal static ArrayBufferWriter<byte> GetCanonicalJson(AuditRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using var w = new Utf8JsonWriter(buffer, CanonicalWriterOptions);
        w.WriteStartObject();
        w.WriteString("id", record.Id);
        w.WriteNumber("seq", record.Seq);
        w.WriteString("callId", record.CallId);
        w.WriteString("time", AuditTime.Format(record.Time));
        w.WriteString("phase", record.Phase);
        w.WriteString("sessionId", record.SessionId);
        w.WriteString("developer", record.Developer);
        w.WriteString("project", record.Project);
        w.WriteString("actor", record.Actor);
        w.WriteString("client", record.Client);
        w.WriteString("transport", record.Transport);
        w.WriteString("tool", record.Tool);
        w.WriteString("arguments", record.Arguments);
        WriteList(w, "resources", record.Resources);
        w.WriteString("decision", record.Decision);
        WriteList(w, "ruleIds", record.RuleIds);
        w.WriteString("reason", record.Reason);
        w.WriteString("roleArn", record.RoleArn);
        w.WriteString("roleSessionName", record.RoleSessionName);
        w.WriteString("sourceIdentity", record.SourceIdentity);
        WriteList(w, "awsRequestIds", record.AwsRequestIds);
        w.WriteString("outcome", record.Outcome);
        w.WriteString("errorCode", record.ErrorCode);
        if (record.DurationMs is { } duration)
        {
            w.WriteNumber("durationMs", duration);
        }
        else
        {
            w.WriteNull("durationMs");
        }

        w.WriteString("prevHash", record.PrevHash);
        w.WriteEndObject();
        w.Flush();
        return buffer;
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        w.WriteStartArray(name);
        foreach (var value in values ?? [])
        {
            w.WriteStringValue(value ?? "");
        }

        w.WriteEndArray();
    }

    private static string Text(string? value) => OptionalText(value) ?? "";

    private static string? OptionalText(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // The UTF-8 round trip replaces every ill-formed UTF-16 sequence with U+FFFD, as storage would.
        var wellFormed = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
        return string.Equals(wellFormed, value, StringComparison.Ordinal) ? value : wellFormed;
    }

    private static IReadOnlyList<string> List(IReadOnlyList<string>? values) =>
        values is null ? [] : values.Select(Text).ToArray();
}
