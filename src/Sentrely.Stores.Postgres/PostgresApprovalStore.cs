using Npgsql;
using Sentrely.Approval;
using Sentrely.Audit;

namespace Sentrely.Stores.Postgres;

/// <summary>
/// Approval requests in PostgreSQL (table <c>approvals</c>), one queue for every replica. Opening a request is a
/// check-then-insert under a transaction-scoped advisory lock on its fingerprint; deciding and using one are single
/// conditional <c>UPDATE … RETURNING</c> statements (PostgreSQL re-checks the condition on the locked row), so one
/// request is opened per live fingerprint, it is decided once and an approval is used once.
/// </summary>
public sealed class PostgresApprovalStore : IApprovalStore
{
    private const string Newest = "ORDER BY created DESC, rowNo DESC";

    private readonly PostgresDatabase _database;

    internal PostgresApprovalStore(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public async ValueTask<(ApprovalRecord Record, bool Created)> OpenAsync(ApprovalRecord candidate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Status != ApprovalStatus.Pending)
        {
            throw new ArgumentException("a new approval request must be pending", nameof(candidate));
        }

        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(@fingerprint));", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("class", PostgresDatabase.ApprovalLockClass);
            lockCommand.Parameters.AddWithValue("fingerprint", candidate.Fingerprint);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var find = new NpgsqlCommand(
            $"""
            SELECT {PostgresApprovalRows.Columns} FROM approvals
            WHERE fingerprint = @fingerprint AND status IN ('pending', 'approved', 'denied') AND expires > @now
            {Newest} LIMIT 1;
            """,
            connection,
            transaction))
        {
            find.Parameters.AddWithValue("fingerprint", candidate.Fingerprint);
            find.Parameters.AddWithValue("now", PostgresTime.Value(now));
            var live = await ReadAllAsync(find, cancellationToken).ConfigureAwait(false);
            if (live.Count > 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (live[0], false);
            }
        }

        var stored = candidate with { Created = AuditTime.Truncate(candidate.Created), Expires = AuditTime.Truncate(candidate.Expires) };
        using (var insert = new NpgsqlCommand(PostgresApprovalRows.InsertSql, connection, transaction))
        {
            PostgresApprovalRows.AddParameters(insert, stored);
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
        var rows = await QueryAsync($"SELECT {PostgresApprovalRows.Columns} FROM approvals WHERE id = @id;", p => p.AddWithValue("id", id), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ApprovalRecord>> ListAsync(bool all, DateTimeOffset now, CancellationToken cancellationToken) =>
        all
            ? QueryAsync($"SELECT {PostgresApprovalRows.Columns} FROM approvals {Newest};", null, cancellationToken)
            : QueryAsync(
                $"SELECT {PostgresApprovalRows.Columns} FROM approvals WHERE status = 'pending' AND expires > @now {Newest};",
                p => p.AddWithValue("now", PostgresTime.Value(now)),
                cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ApprovalRecord?> DecideAsync(string id, bool approve, string by, string? reason, DateTimeOffset now, TimeSpan validity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        var rows = await QueryAsync(
            $"""
            UPDATE approvals SET status = @status, decidedBy = @by, decided = @now, decisionReason = @reason,
                expires = CASE WHEN @approve THEN @approvedExpires ELSE expires END
            WHERE id = @id AND status = 'pending' AND expires > @now
            RETURNING {PostgresApprovalRows.Columns};
            """,
            p =>
            {
                p.AddWithValue("id", id);
                p.AddWithValue("status", ApprovalStatusText.Of(approve ? ApprovalStatus.Approved : ApprovalStatus.Denied));
                p.AddWithValue("by", by);
                p.AddWithValue("reason", PostgresTime.Optional(reason));
                p.AddWithValue("now", PostgresTime.Value(now));
                p.AddWithValue("approve", approve);
                p.AddWithValue("approvedExpires", PostgresTime.Value(now + validity));
            },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async ValueTask<ApprovalRecord?> ConsumeAsync(string fingerprint, string callId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);

        // The outer condition is re-evaluated on the row after its lock is taken: of two racing calls, the second
        // finds the row already used and updates nothing.
        var rows = await QueryAsync(
            $"""
            UPDATE approvals SET status = 'used', usedByCallId = @callId
            WHERE id = (SELECT id FROM approvals WHERE fingerprint = @fingerprint AND status = 'approved' AND expires > @now {Newest} LIMIT 1)
              AND status = 'approved' AND expires > @now
            RETURNING {PostgresApprovalRows.Columns};
            """,
            p =>
            {
                p.AddWithValue("fingerprint", fingerprint);
                p.AddWithValue("callId", callId);
                p.AddWithValue("now", PostgresTime.Value(now));
            },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<IReadOnlyList<ApprovalRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ApprovalRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(PostgresApprovalRows.Read(reader));
        }

        return records;
    }

    private async ValueTask<IReadOnlyList<ApprovalRecord>> QueryAsync(string sql, Action<NpgsqlParameterCollection>? bind, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        bind?.Invoke(command.Parameters);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
