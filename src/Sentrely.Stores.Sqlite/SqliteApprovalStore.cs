using Microsoft.Data.Sqlite;
using Sentrely.Approval;
using Sentrely.Audit;

namespace Sentrely.Stores.Sqlite;

/// <summary>
/// Approval requests in the audit store's SQLite file (table <c>approvals</c>, schema version 4), shared by the server
/// and the <c>sentrely approvals</c> CLI. Opening a request is a check-then-insert under <c>BEGIN IMMEDIATE</c>;
/// deciding and using one are single conditional <c>UPDATE … RETURNING</c> statements, so whichever processes race,
/// one request is opened per live fingerprint, it is decided once and an approval is used once.
/// </summary>
/// <remarks>
/// Times are stored as <see cref="AuditTime"/> text (millisecond precision) and compared as text, which sorts in time
/// order; a time is therefore truncated to the millisecond when stored, which can only make an expiry earlier.
/// </remarks>
public sealed class SqliteApprovalStore : IApprovalStore
{
    private const string Newest = "ORDER BY created DESC, rowid DESC";

    private readonly SqliteAuditStore _store;

    /// <summary>Initializes a new instance of the <see cref="SqliteApprovalStore"/> class over the audit store's file.</summary>
    /// <param name="store">The audit store whose database holds the approvals.</param>
    public SqliteApprovalStore(SqliteAuditStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public async ValueTask<(ApprovalRecord Record, bool Created)> OpenAsync(ApprovalRecord candidate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Status != ApprovalStatus.Pending)
        {
            throw new ArgumentException("a new approval request must be pending", nameof(candidate));
        }

        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);

        // deferred: false = BEGIN IMMEDIATE: the write lock is taken before the check, so two processes opening the
        // same call one after the other see each other's request instead of both inserting.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText =
                $"""
                SELECT {SqliteApprovalRows.Columns} FROM approvals
                WHERE fingerprint = $fingerprint AND status IN ('pending', 'approved', 'denied') AND expires > $now
                {Newest} LIMIT 1;
                """;
            find.Parameters.AddWithValue("$fingerprint", candidate.Fingerprint);
            find.Parameters.AddWithValue("$now", AuditTime.Format(now));
            var live = await ReadAllAsync(find, cancellationToken).ConfigureAwait(false);
            if (live.Count > 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (live[0], false);
            }
        }

        var stored = candidate with { Created = AuditTime.Truncate(candidate.Created), Expires = AuditTime.Truncate(candidate.Expires) };
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = SqliteApprovalRows.InsertSql;
            SqliteApprovalRows.AddParameters(insert, stored);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Not cancellable: once the row is written, committing is the only way to return what was stored.
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return (stored, true);
    }

    /// <inheritdoc />
    public async ValueTask<ApprovalRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rows = await QueryAsync($"SELECT {SqliteApprovalRows.Columns} FROM approvals WHERE id = $id;", p => p.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ApprovalRecord>> ListAsync(bool all, DateTimeOffset now, CancellationToken cancellationToken) =>
        all
            ? QueryAsync($"SELECT {SqliteApprovalRows.Columns} FROM approvals {Newest};", null, cancellationToken)
            : QueryAsync(
                $"SELECT {SqliteApprovalRows.Columns} FROM approvals WHERE status = 'pending' AND expires > $now {Newest};",
                p => p.AddWithValue("$now", AuditTime.Format(now)),
                cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ApprovalRecord?> DecideAsync(string id, bool approve, string by, string? reason, DateTimeOffset now, TimeSpan validity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        var rows = await QueryAsync(
            $"""
            UPDATE approvals SET status = $status, decidedBy = $by, decided = $now, decisionReason = $reason,
                expires = CASE WHEN $approve THEN $approvedExpires ELSE expires END
            WHERE id = $id AND status = 'pending' AND expires > $now
            RETURNING {SqliteApprovalRows.Columns};
            """,
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$status", ApprovalStatusText.Of(approve ? ApprovalStatus.Approved : ApprovalStatus.Denied));
                p.AddWithValue("$by", by);
                p.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
                p.AddWithValue("$now", AuditTime.Format(now));
                p.AddWithValue("$approve", approve ? 1 : 0);
                p.AddWithValue("$approvedExpires", AuditTime.Format(now + validity));
            },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async ValueTask<ApprovalRecord?> ConsumeAsync(string fingerprint, string callId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);

        // One statement: SQLite takes the write lock before it evaluates the subquery, so of two racing calls the
        // second finds the row already used.
        var rows = await QueryAsync(
            $"""
            UPDATE approvals SET status = 'used', usedByCallId = $callId
            WHERE id = (SELECT id FROM approvals WHERE fingerprint = $fingerprint AND status = 'approved' AND expires > $now {Newest} LIMIT 1)
              AND status = 'approved' AND expires > $now
            RETURNING {SqliteApprovalRows.Columns};
            """,
            p =>
            {
                p.AddWithValue("$fingerprint", fingerprint);
                p.AddWithValue("$callId", callId);
                p.AddWithValue("$now", AuditTime.Format(now));
            },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<IReadOnlyList<ApprovalRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ApprovalRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(SqliteApprovalRows.Read(reader));
        }

        return records;
    }

    private async ValueTask<IReadOnlyList<ApprovalRecord>> QueryAsync(string sql, Action<SqliteParameterCollection>? bind, CancellationToken cancellationToken)
    {
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command.Parameters);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
