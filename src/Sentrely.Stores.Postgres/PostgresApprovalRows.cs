using Sentrely.Stores;
using Npgsql;
using Sentrely.Approval;

namespace Sentrely.Stores.Postgres;

/// <summary>Maps <see cref="ApprovalRecord"/> to and from rows of the <c>approvals</c> table.</summary>
internal static class PostgresApprovalRows
{
    /// <summary>The columns of <c>approvals</c>, in the order <see cref="Read"/> expects.</summary>
    public const string Columns =
        "id, fingerprint, sessionId, developer, project, tool, arguments, resources, ruleIds, via, summary, "
        + "created, expires, status, decidedBy, decided, decisionReason, usedByCallId";

    /// <summary>The INSERT of a new row, parameters named after the columns.</summary>
    public const string InsertSql =
        $"INSERT INTO approvals ({Columns}) VALUES (@id, @fingerprint, @sessionId, @developer, @project, @tool, "
        + "@arguments, @resources, @ruleIds, @via, @summary, @created, @expires, @status, @decidedBy, @decided, "
        + "@decisionReason, @usedByCallId);";

    /// <summary>Binds every column of <paramref name="r"/> to <see cref="InsertSql"/>'s parameters.</summary>
    public static void AddParameters(NpgsqlCommand command, ApprovalRecord r)
    {
        var p = command.Parameters;
        p.AddWithValue("id", r.Id);
        p.AddWithValue("fingerprint", r.Fingerprint);
        p.AddWithValue("sessionId", r.SessionId);
        p.AddWithValue("developer", r.Developer);
        p.AddWithValue("project", r.Project);
        p.AddWithValue("tool", r.Tool);
        p.AddWithValue("arguments", r.Arguments);
        p.AddWithValue("resources", JsonArrayColumns.ToJsonArray(r.Resources));
        p.AddWithValue("ruleIds", JsonArrayColumns.ToJsonArray(r.RuleIds));
        p.AddWithValue("via", r.Via);
        p.AddWithValue("summary", r.Summary);
        p.AddWithValue("created", PostgresTime.Value(r.Created));
        p.AddWithValue("expires", PostgresTime.Value(r.Expires));
        p.AddWithValue("status", ApprovalStatusText.Of(r.Status));
        p.AddWithValue("decidedBy", PostgresTime.Optional(r.DecidedBy));
        p.AddWithValue("decided", PostgresTime.Optional(r.Decided));
        p.AddWithValue("decisionReason", PostgresTime.Optional(r.DecisionReason));
        p.AddWithValue("usedByCallId", PostgresTime.Optional(r.UsedByCallId));
    }

    /// <summary>Reads the current row (selected as <see cref="Columns"/>); a row that does not parse throws <see cref="InvalidDataException"/>.</summary>
    public static ApprovalRecord Read(NpgsqlDataReader reader)
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
                Created = reader.GetFieldValue<DateTimeOffset>(11),
                Expires = reader.GetFieldValue<DateTimeOffset>(12),
                Status = ApprovalStatusText.Parse(reader.GetString(13), id),
                DecidedBy = reader.IsDBNull(14) ? null : reader.GetString(14),
                Decided = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
                DecisionReason = reader.IsDBNull(16) ? null : reader.GetString(16),
                UsedByCallId = reader.IsDBNull(17) ? null : reader.GetString(17),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException or FormatException)
        {
            throw new InvalidDataException($"approval {id} has a column of the wrong type or an unexpected NULL", ex);
        }
    }
}
