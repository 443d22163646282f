using Sentrely.Stores;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sentrely.Audit;

namespace Sentrely.Stores.Sqlite;

/// <summary>Maps audit records to <c>audit_records</c> rows and back (columns in <see cref="SqliteAuditSchema.Columns"/> order).</summary>
internal static class SqliteAuditRows
{
    public const string InsertSql =
        "INSERT INTO audit_records (" + SqliteAuditSchema.Columns + ") VALUES ($seq, $id, $callId, $time, $phase, "
        + "$sessionId, $developer, $project, $actor, $client, $transport, $tool, $arguments, $resources, $decision, "
        + "$ruleIds, $reason, $roleArn, $roleSessionName, $sourceIdentity, $awsRequestIds, $outcome, $errorCode, "
        + "$durationMs, $prevHash, $hash, $hmac);";


    public static void AddParameters(SqliteCommand command, AuditRecord r)
    {
        var p = command.Parameters;
        p.AddWithValue("$seq", r.Seq);
        p.AddWithValue("$id", r.Id);
        p.AddWithValue("$callId", r.CallId);
        p.AddWithValue("$time", AuditTime.Format(r.Time));
        p.AddWithValue("$phase", r.Phase);
        p.AddWithValue("$sessionId", r.SessionId);
        p.AddWithValue("$developer", r.Developer);
        p.AddWithValue("$project", r.Project);
        p.AddWithValue("$actor", r.Actor);
        p.AddWithValue("$client", (object?)r.Client ?? DBNull.Value);
        p.AddWithValue("$transport", r.Transport);
        p.AddWithValue("$tool", r.Tool);
        p.AddWithValue("$arguments", (object?)r.Arguments ?? DBNull.Value);
        p.AddWithValue("$resources", JsonArrayColumns.ToJsonArray(r.Resources));
        p.AddWithValue("$decision", r.Decision);
        p.AddWithValue("$ruleIds", JsonArrayColumns.ToJsonArray(r.RuleIds));
        p.AddWithValue("$reason", (object?)r.Reason ?? DBNull.Value);
        p.AddWithValue("$roleArn", (object?)r.RoleArn ?? DBNull.Value);
        p.AddWithValue("$roleSessionName", (object?)r.RoleSessionName ?? DBNull.Value);
        p.AddWithValue("$sourceIdentity", (object?)r.SourceIdentity ?? DBNull.Value);
        p.AddWithValue("$awsRequestIds", JsonArrayColumns.ToJsonArray(r.AwsRequestIds));
        p.AddWithValue("$outcome", (object?)r.Outcome ?? DBNull.Value);
        p.AddWithValue("$errorCode", (object?)r.ErrorCode ?? DBNull.Value);
        p.AddWithValue("$durationMs", (object?)r.DurationMs ?? DBNull.Value);
        p.AddWithValue("$prevHash", r.PrevHash);
        p.AddWithValue("$hash", r.Hash);
        p.AddWithValue("$hmac", (object?)r.Hmac ?? DBNull.Value);
    }

    /// <summary>Reads the current row; a row that cannot be read (a tampered column type or shape) throws <see cref="InvalidDataException"/>.</summary>
    public static AuditRecord Read(SqliteDataReader reader)
    {
        var seq = reader.IsDBNull(0) ? -1 : reader.GetInt64(0);
        try
        {
            if (!AuditTime.TryParse(reader.GetString(3), out var time))
            {
                throw new InvalidDataException($"audit record {seq} has a time that is not yyyy-MM-ddTHH:mm:ss.fffZ");
            }

            return new AuditRecord
            {
                Seq = seq,
                Id = reader.GetString(1),
                CallId = reader.GetString(2),
                Time = time,
                Phase = reader.GetString(4),
                SessionId = reader.GetString(5),
                Developer = reader.GetString(6),
                Project = reader.GetString(7),
                Actor = reader.GetString(8),
                Client = Optional(reader, 9),
                Transport = reader.GetString(10),
                Tool = reader.GetString(11),
                Arguments = Optional(reader, 12),
                Resources = JsonArrayColumns.FromJsonArray(reader.GetString(13), $"audit record {seq}", "resources"),
                Decision = reader.GetString(14),
                RuleIds = JsonArrayColumns.FromJsonArray(reader.GetString(15), $"audit record {seq}", "ruleIds"),
                Reason = Optional(reader, 16),
                RoleArn = Optional(reader, 17),
                RoleSessionName = Optional(reader, 18),
                SourceIdentity = Optional(reader, 19),
                AwsRequestIds = JsonArrayColumns.FromJsonArray(reader.GetString(20), $"audit record {seq}", "awsRequestIds"),
                Outcome = Optional(reader, 21),
                ErrorCode = Optional(reader, 22),
                DurationMs = reader.IsDBNull(23) ? null : reader.GetInt64(23),
                PrevHash = reader.GetString(24),
                Hash = reader.GetString(25),
                Hmac = Optional(reader, 26),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException or FormatException)
        {
            throw new InvalidDataException($"audit record {seq} has a column of the wrong type or an unexpected NULL", ex);
        }
    }

    private static string? Optional(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
