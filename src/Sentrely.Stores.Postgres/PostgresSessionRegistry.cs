using Npgsql;
using Sentrely.Sessions;

namespace Sentrely.Stores.Postgres;

/// <summary>
/// The session registry and kill rules in PostgreSQL (tables <c>sessions</c> and <c>kill_rules</c>), shared by every
/// replica: a kill written by any replica or the CLI applies to every server at its next call.
/// </summary>
public sealed class PostgresSessionRegistry : ISessionRegistry
{
    private const string SessionColumns = "sessionId, developer, project, clientName, clientVersion, transport, pid, host, started, lastCall, ended";
    private const string KillColumns = "kind, target, reason, killedBy, time";

    private readonly PostgresDatabase _database;

    internal PostgresSessionRegistry(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public ValueTask RegisterAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ExecuteAsync(
            $"""
            INSERT INTO sessions ({SessionColumns}) VALUES (@id, @developer, @project, @clientName, @clientVersion, @transport, @pid, @host, @started, @lastCall, @ended)
            ON CONFLICT (sessionId) DO UPDATE SET developer = excluded.developer, project = excluded.project,
                clientName = excluded.clientName, clientVersion = excluded.clientVersion;
            """,
            p =>
            {
                p.AddWithValue("id", session.SessionId);
                p.AddWithValue("developer", session.Developer);
                p.AddWithValue("project", session.Project);
                p.AddWithValue("clientName", PostgresTime.Optional(session.ClientName));
                p.AddWithValue("clientVersion", PostgresTime.Optional(session.ClientVersion));
                p.AddWithValue("transport", session.Transport);
                p.AddWithValue("pid", session.Pid);
                p.AddWithValue("host", session.Host);
                p.AddWithValue("started", PostgresTime.Value(session.Started));
                p.AddWithValue("lastCall", PostgresTime.Optional(session.LastCall));
                p.AddWithValue("ended", PostgresTime.Optional(session.Ended));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask TouchAsync(SessionContext session, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ExecuteAsync(
            "UPDATE sessions SET developer = @developer, project = @project, clientName = @clientName, clientVersion = @clientVersion, lastCall = @time WHERE sessionId = @id;",
            p =>
            {
                p.AddWithValue("id", session.SessionId);
                p.AddWithValue("developer", session.Developer);
                p.AddWithValue("project", session.Project);
                p.AddWithValue("clientName", PostgresTime.Optional(session.ClientName));
                p.AddWithValue("clientVersion", PostgresTime.Optional(session.ClientVersion));
                p.AddWithValue("time", PostgresTime.Value(time));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask EndAsync(string sessionId, DateTimeOffset time, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE sessions SET ended = @time WHERE sessionId = @id AND ended IS NULL;",
            p =>
            {
                p.AddWithValue("id", sessionId);
                p.AddWithValue("time", PostgresTime.Value(time));
            },
            cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SessionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT {SessionColumns} FROM sessions ORDER BY started DESC, sessionId;", connection);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<SessionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(new SessionRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8))
            {
                LastCall = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                Ended = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            });
        }

        return sessions;
    }

    /// <inheritdoc />
    public ValueTask KillAsync(KillRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return ExecuteAsync(
            $"""
            INSERT INTO kill_rules ({KillColumns}) VALUES (@kind, @target, @reason, @by, @time)
            ON CONFLICT (kind, target) DO UPDATE SET reason = excluded.reason, killedBy = excluded.killedBy, time = excluded.time;
            """,
            p =>
            {
                p.AddWithValue("kind", rule.Target.KindName);
                p.AddWithValue("target", rule.Target.Value);
                p.AddWithValue("reason", rule.Reason);
                p.AddWithValue("by", rule.By);
                p.AddWithValue("time", PostgresTime.Value(rule.Time));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> UnkillAsync(KillTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand("DELETE FROM kill_rules WHERE kind = @kind AND target = @target;", connection);
        command.Parameters.AddWithValue("kind", target.KindName);
        command.Parameters.AddWithValue("target", target.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<KillRule>> ListKillsAsync(CancellationToken cancellationToken) =>
        ReadKillsAsync($"SELECT {KillColumns} FROM kill_rules ORDER BY time, kind, target;", null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<KillRule?> IsKilledAsync(SessionContext session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var kills = await ReadKillsAsync(
            $"""
            SELECT {KillColumns} FROM kill_rules
            WHERE (kind = 'session' AND target = @session) OR (kind = 'developer' AND target = @developer)
               OR (kind = 'project' AND target = @project) OR kind = 'all'
            ORDER BY time LIMIT 1;
            """,
            p =>
            {
                p.AddWithValue("session", session.SessionId);
                p.AddWithValue("developer", session.Developer);
                p.AddWithValue("project", session.Project);
            },
            cancellationToken).ConfigureAwait(false);
        return kills.Count == 0 ? null : kills[0];
    }

    private async ValueTask<IReadOnlyList<KillRule>> ReadKillsAsync(string sql, Action<NpgsqlParameterCollection>? bind, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        bind?.Invoke(command.Parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var kills = new List<KillRule>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var target = new KillTarget(KillTarget.ParseKind(reader.GetString(0)), reader.GetString(1));
            kills.Add(new KillRule(target, reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return kills;
    }

    private async ValueTask ExecuteAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
