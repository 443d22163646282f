using Sentrely.Stores;
using Npgsql;
using Sentrely.Audit;

namespace Sentrely.Stores.Postgres;

/// <summary>Maps audit records to <c>audit_records</c> rows and back (columns in <see cref="Columns"/> order).</summary>
internal static class PostgresAuditRows
{
    /// <summary>The columns of <c>audit_records</c>, in <see cref="AuditRecord"/> field order; the names are DESIGN.md's field names.</summary>
    public const string Columns =
        "seq, id, callId, time, phase, sessionId, developer, project, actor, client, transport, tool, arguments, "
        + "resources, decision, ruleIds, reason, roleArn, roleSessionName, sourceIdentity, awsRequestIds, outcome, "
        + "errorCode, durationMs, prevHash, hash, hmac";

    public const string InsertSql =
        "INSERT INTO audit_records (" + Columns + ") VALUES (@seq, @id, @callId, @time, @phase, "
        + "@sessionId, @developer, @project, @actor, @client, @transport, @tool, @arguments, @resources, @decision, "
        + "@ruleIds, @reason, @roleArn, @roleSessionName, @sourceIdentity, @awsRequestIds, @outcome, @errorCode, "
        + "@durationMs, @prevHash, @hash, @hmac);";

    public static void AddParameters(NpgsqlCommand command, AuditRecord r)
    {
        var p = command.Parameters;
        p.AddWithValue("seq", r.Seq);
        p.AddWithValue("id", PostgresText.Encode(r.Id));
        p.AddWithValue("callId", PostgresText.Encode(r.CallId));
        p.AddWithValue("time", PostgresTime.Value(r.Time));
        p.AddWithValue("phase", PostgresText.Encode(r.Phase));
        p.AddWithValue("sessionId", PostgresText.Encode(r.SessionId));
        p.AddWithValue("developer", PostgresText.Encode(r.Developer));
        p.AddWithValue("project", PostgresText.Encode(r.Project));
        p.AddWithValue("actor", PostgresText.Encode(r.Actor));
        p.AddWithValue("client", PostgresText.Optional(r.Client));
        p.AddWithValue("transport", PostgresText.Encode(r.Transport));
        p.AddWithValue("tool", PostgresText.Encode(r.Tool));
        p.AddWithValue("arguments", PostgresText.Optional(r.Arguments));
        p.AddWithValue("resources", JsonArrayColumns.ToJsonArray(r.Resources));
        p.AddWithValue("decision", PostgresText.Encode(r.Decision));
        p.AddWithValue("ruleIds", JsonArrayColumns.ToJsonArray(r.RuleIds));
        p.AddWithValue("reason", PostgresText.Optional(r.Reason));
        p.AddWithValue("roleArn", PostgresText.Optional(r.RoleArn));
        p.AddWithValue("roleSessionName", PostgresText.Optional(r.RoleSessionName));
        p.AddWithValue("sourceIdentity", PostgresText.Optional(r.SourceIdentity));
        p.AddWithValue("awsRequestIds", JsonArrayColumns.ToJsonArray(r.AwsRequestIds));
        p.AddWithValue("outcome", PostgresText.Optional(r.Outcome));
        p.AddWithValue("errorCode", PostgresText.Optional(r.ErrorCode));
        p.AddWithValue("durationMs", r.DurationMs is { } ms ? ms : DBNull.Value);
        p.AddWithValue("prevHash", PostgresText.Encode(r.PrevHash));
        p.AddWithValue("hash", PostgresText.Encode(r.Hash));
        p.AddWithValue("hmac", PostgresText.Optional(r.Hmac));
    }

    /// <summary>Reads the current row; a row that cannot be read throws <see cref="InvalidDataException"/>.</summary>
    public static AuditRecord Read(NpgsqlDataReader reader)
    {
        var seq = reader.IsDBNull(0) ? -1 : reader.GetInt64(0);
        try
        {
            return new AuditRecord
            {
                Seq = seq,
                Id = PostgresText.Decode(reader.GetString(1)),
                CallId = PostgresText.Decode(reader.GetString(2)),
                Time = reader.GetFieldValue<DateTimeOffset>(3),
                Phase = PostgresText.Decode(reader.GetString(4)),
                SessionId = PostgresText.Decode(reader.GetString(5)),
                Developer = PostgresText.Decode(reader.GetString(6)),
                Project = PostgresText.Decode(reader.GetString(7)),
                Actor = PostgresText.Decode(reader.GetString(8)),
                Client = Optional(reader, 9),
                Transport = PostgresText.Decode(reader.GetString(10)),
                Tool = PostgresText.Decode(reader.GetString(11)),
                Arguments = Optional(reader, 12),
                Resources = JsonArrayColumns.FromJsonArray(reader.GetString(13), $"audit record {seq}", "resources"),
                Decision = PostgresText.Decode(reader.GetString(14)),
                RuleIds = JsonArrayColumns.FromJsonArray(reader.GetString(15), $"audit record {seq}", "ruleIds"),
                Reason = Optional(reader, 16),
                RoleArn = Optional(reader, 17),
                RoleSessionName = Optional(reader, 18),
                SourceIdentity = Optional(reader, 19),
                AwsRequestIds = JsonArrayColumns.FromJsonArray(reader.GetString(20), $"audit record {seq}", "awsRequestIds"),
                Outcome = Optional(reader, 21),
                ErrorCode = Optional(reader, 22),
                DurationMs = reader.IsDBNull(23) ? null : reader.GetInt64(23),
                PrevHash = PostgresText.Decode(reader.GetString(24)),
                Hash = PostgresText.Decode(reader.GetString(25)),
                Hmac = Optional(reader, 26),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException or FormatException)
        {
            throw new InvalidDataException($"audit record {seq} has a column of the wrong type or an unexpected NULL", ex);
        }
    }

    private static string? Optional(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : PostgresText.Decode(reader.GetString(ordinal));
}
