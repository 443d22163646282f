using Npgsql;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Stores.Postgres;

/// <summary>
/// The instance ledger in PostgreSQL (tables <c>ledger_instances</c> and <c>ledger_reservations</c>), so every replica
/// counts the same instances. A reservation reads the usage, runs the check and inserts inside one transaction holding
/// a constant advisory lock: two replicas reserving at once see each other's reservation and never exceed a cap.
/// </summary>
public sealed class PostgresInstanceLedger : IInstanceLedger
{
    private const string InstanceColumns = "instanceId, instanceType, sessionId, developer, project, launchedAt, state, sessionGroup";

    private readonly PostgresDatabase _database;

    internal PostgresInstanceLedger(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public async ValueTask<LedgerUsage> UsageAsync(string sessionId, string developer, string? group, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadUsageAsync(connection, null, sessionId, developer, group, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ReserveAsync(LaunchReservation reservation, Func<LedgerUsage, ToolCallRejection?> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(check);
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresDatabase.LockAsync(connection, transaction, PostgresDatabase.LedgerLock, cancellationToken).ConfigureAwait(false);
        var usage = await ReadUsageAsync(connection, transaction, reservation.SessionId, reservation.Developer, reservation.Group, cancellationToken).ConfigureAwait(false);
        if (check(usage) is { } rejection)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return rejection;
        }

        using (var insert = new NpgsqlCommand(
            """
            INSERT INTO ledger_reservations (callId, sessionId, developer, instanceTypes, expires, sessionGroup)
            VALUES (@callId, @sessionId, @developer, @types, @expires, @group)
            ON CONFLICT (callId) DO UPDATE SET sessionId = excluded.sessionId, developer = excluded.developer,
                instanceTypes = excluded.instanceTypes, expires = excluded.expires, sessionGroup = excluded.sessionGroup;
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("callId", reservation.CallId);
            insert.Parameters.AddWithValue("sessionId", reservation.SessionId);
            insert.Parameters.AddWithValue("developer", reservation.Developer);
            insert.Parameters.AddWithValue("types", reservation.InstanceTypes.ToArray());
            insert.Parameters.AddWithValue("expires", _database.Time.GetUtcNow() + InMemoryInstanceLedger.ReservationLifetime);
            insert.Parameters.AddWithValue("group", NpgsqlTypes.NpgsqlDbType.Text, (object?)reservation.Group ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return null;
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string callId, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand("DELETE FROM ledger_reservations WHERE callId = @callId;", connection);
        command.Parameters.AddWithValue("callId", callId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<LedgerInstance>> FindAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT {InstanceColumns} FROM ledger_instances WHERE instanceId = ANY(@ids) ORDER BY instanceId;", connection);
        command.Parameters.AddWithValue("ids", instanceIds.Distinct(StringComparer.Ordinal).ToArray());
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
                reader.GetFieldValue<DateTimeOffset>(5),
                LedgerStates.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return found;
    }

    /// <inheritdoc />
    public async ValueTask RecordLaunchedAsync(IReadOnlyList<LedgerInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var i in instances)
        {
            using var command = new NpgsqlCommand(
                $"""
                INSERT INTO ledger_instances ({InstanceColumns}) VALUES (@id, @type, @sessionId, @developer, @project, @launchedAt, @state, @group)
                ON CONFLICT (instanceId) DO UPDATE SET instanceType = excluded.instanceType, sessionId = excluded.sessionId,
                    developer = excluded.developer, project = excluded.project, launchedAt = excluded.launchedAt, state = excluded.state,
                    sessionGroup = excluded.sessionGroup;
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue("id", i.InstanceId);
            command.Parameters.AddWithValue("type", i.InstanceType);
            command.Parameters.AddWithValue("sessionId", i.SessionId);
            command.Parameters.AddWithValue("developer", i.Developer);
            command.Parameters.AddWithValue("project", i.Project);
            command.Parameters.AddWithValue("launchedAt", PostgresTime.Value(i.LaunchedAt));
            command.Parameters.AddWithValue("state", LedgerStates.Text(i.State));
            command.Parameters.AddWithValue("group", NpgsqlTypes.NpgsqlDbType.Text, (object?)i.Group ?? DBNull.Value);
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
            WHERE instanceId = ANY(@ids) AND state <> 'terminated'
              AND NOT (state = 'running' AND sessionId = @sessionId AND developer = @developer AND project = @project
                       AND sessionGroup IS NOT DISTINCT FROM @group);
            """,
            instanceIds,
            p =>
            {
                p.AddWithValue("sessionId", startedBy.SessionId);
                p.AddWithValue("developer", startedBy.Developer);
                p.AddWithValue("project", startedBy.Project);
                p.AddWithValue("group", SessionGroup.Of(startedBy));
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
            "UPDATE ledger_instances SET state = @state WHERE instanceId = ANY(@ids) AND state <> 'terminated' AND state <> @state;",
            instanceIds,
            p => p.AddWithValue("state", LedgerStates.Text(state)),
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<LedgerUsage> ReadUsageAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sessionId, string developer, string? group, CancellationToken cancellationToken)
    {
        // A row counts against the session's caps when it is the session's or its group's (one row, counted once).
        using var command = new NpgsqlCommand(
            """
            SELECT sessionId = @sessionId OR sessionGroup = @group, developer, instanceType FROM ledger_instances
            WHERE state = 'running' AND (sessionId = @sessionId OR developer = @developer OR sessionGroup = @group)
            UNION ALL
            SELECT sessionId = @sessionId OR sessionGroup = @group, developer, unnest(instanceTypes) FROM ledger_reservations
            WHERE expires > @now AND (sessionId = @sessionId OR developer = @developer OR sessionGroup = @group);
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("sessionId", sessionId);
        command.Parameters.AddWithValue("developer", developer);
        command.Parameters.AddWithValue("group", NpgsqlTypes.NpgsqlDbType.Text, (object?)group ?? DBNull.Value);
        command.Parameters.AddWithValue("now", _database.Time.GetUtcNow());
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

            if (string.Equals(reader.GetString(1), developer, StringComparison.Ordinal))
            {
                developerRunning++;
            }
        }

        return new LedgerUsage(byType, developerRunning);
    }

    private async ValueTask<int> UpdateAsync(string sql, IReadOnlyCollection<string> instanceIds, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", instanceIds.Distinct(StringComparer.Ordinal).ToArray());
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
