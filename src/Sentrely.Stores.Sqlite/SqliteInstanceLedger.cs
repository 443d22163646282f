using Microsoft.Data.Sqlite;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Stores.Sqlite;

/// <summary>
/// The instance ledger in the SQLite file (tables <c>ledger_instances</c> and <c>ledger_reservations</c>, schema version 6),
/// so a new process or session counts the instances earlier ones launched. A reservation reads the usage, runs the check
/// and inserts under <c>BEGIN IMMEDIATE</c>: two processes reserving at once see each other's reservation and never
/// exceed a cap. It mirrors <c>PostgresInstanceLedger</c>; times are UTC ticks.
/// </summary>
public sealed class SqliteInstanceLedger : IInstanceLedger
{
    private const string InstanceColumns = "instanceId, instanceType, sessionId, developer, project, launchedAt, state, sessionGroup";

    private readonly SqliteAuditStore _store;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="SqliteInstanceLedger"/> class over the audit store's file.</summary>
    /// <param name="store">The audit store whose database holds the ledger.</param>
    /// <param name="time">The clock for reservation expiry.</param>
    public SqliteInstanceLedger(SqliteAuditStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
    }

    /// <inheritdoc />
    public async ValueTask<LedgerUsage> UsageAsync(string sessionId, string developer, string? group, CancellationToken cancellationToken)
    {
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadUsageAsync(connection, null, sessionId, developer, group, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ReserveAsync(LaunchReservation reservation, Func<LedgerUsage, ToolCallRejection?> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(check);
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);

        // deferred: false = BEGIN IMMEDIATE: the write lock is held from the read of the usage to the insert.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        var usage = await ReadUsageAsync(connection, transaction, reservation.SessionId, reservation.Developer, reservation.Group, cancellationToken).ConfigureAwait(false);
        if (check(usage) is { } rejection)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return rejection;
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM ledger_reservations WHERE callId = $callId;", p => p.AddWithValue("$callId", reservation.CallId), cancellationToken).ConfigureAwait(false);
        var expires = (_time.GetUtcNow() + InMemoryInstanceLedger.ReservationLifetime).UtcTicks;
        for (var n = 0; n < reservation.InstanceTypes.Count; n++)
        {
            await ExecuteAsync(
                connection,
                transaction,
                """
                INSERT INTO ledger_reservations (callId, n, sessionId, developer, sessionGroup, instanceType, expires)
                VALUES ($callId, $n, $sessionId, $developer, $group, $type, $expires);
                """,
                p =>
                {
                    p.AddWithValue("$callId", reservation.CallId);
                    p.AddWithValue("$n", n);
                    p.AddWithValue("$sessionId", reservation.SessionId);
                    p.AddWithValue("$developer", reservation.Developer);
                    p.AddWithValue("$group", (object?)reservation.Group ?? DBNull.Value);
                    p.AddWithValue("$type", reservation.InstanceTypes[n]);
                    p.AddWithValue("$expires", expires);
                },
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return null;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string callId, CancellationToken cancellationToken)
    {
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "DELETE FROM ledger_reservations WHERE callId = $callId;", p => p.AddWithValue("$callId", callId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<LedgerInstance>> FindAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var ids = instanceIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {InstanceColumns} FROM ledger_instances WHERE instanceId IN ({InList(command.Parameters, ids)}) ORDER BY instanceId;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<LedgerInstance>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(new LedgerInstance(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                LedgerStates.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return found;
    }

    /// <inheritdoc />
    public async ValueTask RecordLaunchedAsync(IReadOnlyList<LedgerInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        foreach (var i in instances)
        {
            await ExecuteAsync(
                connection,
                transaction,
                $"""
                INSERT INTO ledger_instances ({InstanceColumns}) VALUES ($id, $type, $sessionId, $developer, $project, $launchedAt, $state, $group)
                ON CONFLICT (instanceId) DO UPDATE SET instanceType = excluded.instanceType, sessionId = excluded.sessionId,
                    developer = excluded.developer, project = excluded.project, launchedAt = excluded.launchedAt, state = excluded.state,
                    sessionGroup = excluded.sessionGroup;
                """,
                p =>
                {
                    p.AddWithValue("$id", i.InstanceId);
                    p.AddWithValue("$type", i.InstanceType);
                    p.AddWithValue("$sessionId", i.SessionId);
                    p.AddWithValue("$developer", i.Developer);
                    p.AddWithValue("$project", i.Project);
                    p.AddWithValue("$launchedAt", i.LaunchedAt.UtcTicks);
                    p.AddWithValue("$state", LedgerStates.Text(i.State));
                    p.AddWithValue("$group", (object?)i.Group ?? DBNull.Value);
                },
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> MarkRunningAsync(IReadOnlyCollection<string> instanceIds, SessionContext startedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        ArgumentNullException.ThrowIfNull(startedBy);
        return await UpdateAsync(
            """
            UPDATE ledger_instances SET state = 'running', sessionId = $sessionId, developer = $developer, project = $project, sessionGroup = $group
            WHERE instanceId IN ({ids}) AND state <> 'terminated'
              AND NOT (state = 'running' AND sessionId = $sessionId AND developer = $developer AND project = $project AND sessionGroup IS $group);
            """,
            instanceIds,
            p =>
            {
                p.AddWithValue("$sessionId", startedBy.SessionId);
                p.AddWithValue("$developer", startedBy.Developer);
                p.AddWithValue("$project", startedBy.Project);
                p.AddWithValue("$group", SessionGroup.Of(startedBy));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> MarkNotRunningAsync(IReadOnlyCollection<string> instanceIds, LedgerInstanceState state, CancellationToken cancellationToken)
    {
        if (state == LedgerInstanceState.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "use MarkRunningAsync");
        }

        ArgumentNullException.ThrowIfNull(instanceIds);

        // Terminated is final: a late "stopped" never brings an instance back.
        return await UpdateAsync(
            "UPDATE ledger_instances SET state = $state WHERE instanceId IN ({ids}) AND state <> 'terminated' AND state <> $state;",
            instanceIds,
            p => p.AddWithValue("$state", LedgerStates.Text(state)),
            cancellationToken).ConfigureAwait(false);
    }

    private static string InList(SqliteParameterCollection parameters, IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            parameters.AddWithValue($"$id{i}", ids[i]);
        }

        return string.Join(", ", ids.Select((_, i) => $"$id{i}"));
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command.Parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<LedgerUsage> ReadUsageAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sessionId, string developer, string? group, CancellationToken cancellationToken)
    {
        // A row counts against the session's caps when it is the session's or its group's (one row, counted once).
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            SELECT sessionId = $sessionId OR sessionGroup = $group, developer = $developer, instanceType FROM ledger_instances
            WHERE state = 'running' AND (sessionId = $sessionId OR developer = $developer OR sessionGroup = $group)
            UNION ALL
            SELECT sessionId = $sessionId OR sessionGroup = $group, developer = $developer, instanceType FROM ledger_reservations
            WHERE expires > $now AND (sessionId = $sessionId OR developer = $developer OR sessionGroup = $group);
            """;
        command.Parameters.AddWithValue("$sessionId", sessionId);
        command.Parameters.AddWithValue("$developer", developer);
        command.Parameters.AddWithValue("$group", (object?)group ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        var developerRunning = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // NULL (no group, or a row written before groups) is not the session's.
            if (!reader.IsDBNull(0) && reader.GetBoolean(0))
            {
                var type = reader.GetString(2);
                byType[type] = byType.GetValueOrDefault(type) + 1;
            }

            if (reader.GetBoolean(1))
            {
                developerRunning++;
            }
        }

        return new LedgerUsage(byType, developerRunning);
    }

    private async ValueTask<int> UpdateAsync(string sql, IReadOnlyCollection<string> instanceIds, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var ids = instanceIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return 0;
        }

        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("{ids}", InList(command.Parameters, ids), StringComparison.Ordinal);
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
