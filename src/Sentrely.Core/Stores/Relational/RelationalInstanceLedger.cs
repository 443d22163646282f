using System.Data.Common;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Stores.Relational;

/// <summary>
/// The instance ledger in the store's database (tables <c>ledger_instances</c> and <c>ledger_reservations</c>, one row per
/// reserved instance), so every process, session and replica counts the same instances, with one implementation for
/// every database (<see cref="ISqlDialect"/>). A reservation reads the usage, runs the check and inserts inside one
/// exclusive write transaction: two processes or replicas reserving at once see each other's reservation and never
/// exceed a cap.
/// </summary>
public sealed class RelationalInstanceLedger : IInstanceLedger
{
    private const string InstanceColumns = "instanceId, instanceType, sessionId, developer, project, launchedAt, state, sessionGroup";

    private readonly ISqlDialect _sql;

    /// <summary>Initializes a new instance of the <see cref="RelationalInstanceLedger"/> class.</summary>
    /// <param name="sql">The database.</param>
    public RelationalInstanceLedger(ISqlDialect sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        _sql = sql;
    }

    /// <inheritdoc />
    public async ValueTask<LedgerUsage> UsageAsync(string sessionId, string developer, string? group, CancellationToken cancellationToken)
    {
        using var connection = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadUsageAsync(connection, null, sessionId, developer, group, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ReserveAsync(LaunchReservation reservation, Func<LedgerUsage, ToolCallRejection?> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(check);
        using var connection = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await _sql.BeginWriteAsync(connection, exclusive: true, cancellationToken).ConfigureAwait(false);
        var usage = await ReadUsageAsync(connection, transaction, reservation.SessionId, reservation.Developer, reservation.Group, cancellationToken).ConfigureAwait(false);
        if (check(usage) is { } rejection)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return rejection;
        }

        using (var clear = SqlCommands.Create(connection, transaction, "DELETE FROM ledger_reservations WHERE callId = @callId;").With("callId", reservation.CallId))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var expires = _sql.TimeValue(_sql.Time.GetUtcNow() + InMemoryInstanceLedger.ReservationLifetime);
        for (var n = 0; n < reservation.InstanceTypes.Count; n++)
        {
            using var insert = SqlCommands.Create(
                connection,
                transaction,
                """
                INSERT INTO ledger_reservations (callId, n, sessionId, developer, sessionGroup, instanceType, expires)
                VALUES (@callId, @n, @sessionId, @developer, @group, @type, @expires);
                """)
                .With("callId", reservation.CallId).With("n", n).With("sessionId", reservation.SessionId).With("developer", reservation.Developer)
                .With("group", reservation.Group).With("type", reservation.InstanceTypes[n]).With("expires", expires);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return null;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string callId, CancellationToken cancellationToken)
    {
        using var connection = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqlCommands.Create(connection, null, "DELETE FROM ledger_reservations WHERE callId = @callId;").With("callId", callId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

        using var connection = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqlCommands.Create(connection, null, "");
        command.CommandText = $"SELECT {InstanceColumns} FROM ledger_instances WHERE instanceId IN ({command.WithList("id", ids)}) ORDER BY {_sql.Ordinal("instanceId")};";
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
                _sql.ReadTime(reader, 5),
                LedgerStates.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return found;
    }

    /// <inheritdoc />
    public async ValueTask RecordLaunchedAsync(IReadOnlyList<LedgerInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        using var connection = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await _sql.BeginWriteAsync(connection, exclusive: false, cancellationToken).ConfigureAwait(false);
        foreach (var i in instances)
        {
            using var command = SqlCommands.Create(
                connection,
                transaction,
                $"""
                INSERT INTO ledger_instances ({InstanceColumns}) VALUES (@id, @type, @sessionId, @developer, @project, @launchedAt, @state, @group)
                ON CONFLICT (instanceId) DO UPDATE SET instanceType = excluded.instanceType, sessionId = excluded.sessionId,
                    developer = excluded.developer, project = excluded.project, launchedAt = excluded.launchedAt, state = excluded.state,
                    sessionGroup = excluded.sessionGroup;
                """)
                .With("id", i.InstanceId).With("type", i.InstanceType).With("sessionId", i.SessionId).With("developer", i.Developer)
                .With("project", i.Project).With("launchedAt", _sql.TimeValue(i.LaunchedAt)).With("state", LedgerStates.Text(i.State)).With("group", i.Group);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
            UPDATE ledger_instances SET state = 'running', sessionId = @sessionId, developer = @developer, project = @project, sessionGroup = @group
            WHERE instanceId IN ({ids}) AND state <> 'terminated'
              AND NOT (state = 'running' AND sessionId = @sessionId AND developer = @developer AND project = @project
                       AND COALESCE(sessionGroup, '') = @group);
            """,
            instanceIds,
            c => c.With("sessionId", startedBy.SessionId).With("developer", startedBy.Developer).With("project", startedBy.Project)
                .With("group", SessionGroup.Of(startedBy)),
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
            "UPDATE ledger_instances SET state = @state WHERE instanceId IN ({ids}) AND state <> 'terminated' AND state <> @state;",
            instanceIds,
            c => c.With("state", LedgerStates.Text(state)),
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<LedgerUsage> ReadUsageAsync(
        DbConnection connection, DbTransaction? transaction, string sessionId, string developer, string? group, CancellationToken cancellationToken)
    {
        // A row counts against the session's caps when it is the session's or its group's (one row, counted once).
        using var command = SqlCommands.Create(
            connection,
            transaction,
            """
            SELECT sessionId = @sessionId OR sessionGroup = @group, developer = @developer, instanceType FROM ledger_instances
            WHERE state = 'running' AND (sessionId = @sessionId OR developer = @developer OR sessionGroup = @group)
            UNION ALL
            SELECT sessionId = @sessionId OR sessionGroup = @group, developer = @developer, instanceType FROM ledger_reservations
            WHERE expires > @now AND (sessionId = @sessionId OR developer = @developer OR sessionGroup = @group);
            """)
            .With("sessionId", sessionId).With("developer", developer).With("group", group).With("now", _sql.TimeValue(_sql.Time.GetUtcNow()));
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

    private async ValueTask<int> UpdateAsync(string sql, IReadOnlyCollection<string> instanceIds, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        var ids = instanceIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return 0;
        }

        using var connection = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqlCommands.Create(connection, null, "");
        command.CommandText = sql.Replace("{ids}", command.WithList("id", ids), StringComparison.Ordinal);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
