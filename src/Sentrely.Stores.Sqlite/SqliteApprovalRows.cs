using Sentrely.Stores;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sentrely.Approval;
using Sentrely.Audit;

namespace Sentrely.Stores.Sqlite;

/// <summary>Maps <see cref="ApprovalRecord"/> to and from rows of the <c>approvals</c> table (schema version 4).</summary>
internal static class SqliteApprovalRows
{
    /// <summary>The columns of <c>approvals</c>, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "id, fingerprint, sessionId, developer, project, tool, arguments, resources, ruleIds, via, summary, "
        + "created, expires, status, decidedBy, decided, decisionReason, usedByCallId";

    /// <summary>The INSERT of a new row, parameters named after the columns.</summary>
    public const string InsertSql =
        $"INSERT INTO approvals ({Columns}) VALUES ($id, $fingerprint, $sessionId, $developer, $project, $tool, "
        + "$arguments, $resources, $ruleIds, $via, $summary, $created, $expires, $status, $decidedBy, $decided, "
        + "$decisionReason, $usedByCallId);";


    /// <summary>Binds every column of <paramref name="r"/> to <see cref="InsertSql"/>'s parameters.</summary>
    public static void AddParameters(SqliteCommand command, ApprovalRecord r)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", r.Id);
        p.AddWithValue("$fingerprint", r.Fingerprint);
        p.AddWithValue("$sessionId", r.SessionId);
        p.AddWithValue("$developer", r.Developer);
        p.AddWithValue("$project", r.Project);
        p.AddWithValue("$tool", r.Tool);
        p.AddWithValue("$arguments", r.Arguments);
        p.AddWithValue("$resources", JsonArrayColumns.ToJsonArray(r.Resources));
        p.AddWithValue("$ruleIds", JsonArrayColumns.ToJsonArray(r.RuleIds));
        p.AddWithValue("$via", r.Via);
        p.AddWithValue("$summary", r.Summary);
        p.AddWithValue("$created", AuditTime.Format(r.Created));
        p.AddWithValue("$expires", AuditTime.Format(r.Expires));
        p.AddWithValue("$status", ApprovalStatusText.Of(r.Status));
        p.AddWithValue("$decidedBy", (object?)r.DecidedBy ?? DBNull.Value);
        p.AddWithValue("$decided", r.Decided is { } decided ? AuditTime.Format(decided) : DBNull.Value);
        p.AddWithValue("$decisionReason", (object?)r.DecisionReason ?? DBNull.Value);
        p.AddWithValue("$usedByCallId", (object?)r.UsedByCallId ?? DBNull.Value);
    }

    /// <summary>Reads the current row (selected as <see cref="Columns"/>); a row that does not parse throws <see cref="InvalidDataException"/>.</summary>
    public static ApprovalRecord Read(SqliteDataReader reader)
    {
        var id = reader.IsDBNull(0) ? "?" : reader.GetString(0);
        try
        {
            return new ApprovalRecord
            {
                Id = reader.GetString(0),
                Fingerprint = reader.GetString(1),
                SessionId = reader.GetString(2),
                Developer = reader.GetString(3),
                Project = reader.GetString(4),
                Tool = reader.GetString(5),
                Arguments = reader.GetString(6),
                Resources = JsonArrayColumns.FromJsonArray(reader.GetString(7), $"approval {id}", "resources"),
                RuleIds = JsonArrayColumns.FromJsonArray(reader.GetString(8), $"approval {id}", "ruleIds"),
                Via = reader.GetString(9),
                Summary = reader.GetString(10),
                Created = ParseTime(reader.GetString(11), id, "created"),
                Expires = ParseTime(reader.GetString(12), id, "expires"),
                Status = ApprovalStatusText.Parse(reader.GetString(13), id),
                DecidedBy = Optional(reader, 14),
                Decided = Optional(reader, 15) is { } decided ? ParseTime(decided, id, "decided") : null,
                DecisionReason = Optional(reader, 16),
                UsedByCallId = Optional(reader, 17),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException or FormatException)
        {
            throw new InvalidDataException($"approval {id} has a column of the wrong type or an unexpected NULL", ex);
        }
    }

    private static string? Optional(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset ParseTime(string text, string id, string column) =>
        AuditTime.TryParse(text, out var time) ? time : throw new InvalidDataException($"approval {id} has a {column} column that is not a time");
}
