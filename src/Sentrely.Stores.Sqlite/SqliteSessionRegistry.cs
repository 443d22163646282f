using System.Globalization;
using Microsoft.Data.Sqlite;
using Sentrely.Audit;
using Sentrely.Sessions;

namespace Sentrely.Stores.Sqlite;

/// <summary>
/// The session registry and kill rules in the audit store's SQLite file (tables <c>sessions</c> and <c>kill_rules</c>,
/// schema version 2). The kill check is one primary-key lookup per target kind on a pooled connection, cheap enough
/// to run on every call, so a kill written by the CLI applies to a running server at its next call.
/// </summary>
public sealed class SqliteSessionRegistry : ISessionRegistry
{
    private const string SessionColumns = "sessionId, developer, project, clientName, clientVersion, transport, pid, host, started, lastCall, ended";

    private readonly SqliteAuditStore _store;

    /// <summary>Initializes a new instance of the <see cref="SqliteSessionRegistry"/> class over the audit store's file.</summary>
    /// <param name="store">The audit store whose database holds the registry.</param>
    public SqliteSessionRegistry(SqliteAuditStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public ValueTask RegisterAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ExecuteAsync(
            $"""
            INSERT INTO sessions ({SessionColumns}) VALUES ($id, $developer, $project, $clientName, $clientVersion, $transport, $pid, $host, $started, $lastCall, $ended)
            ON CONFLICT (sessionId) DO UPDATE SET developer = excluded.developer, project = excluded.project,
                clientName = excluded.clientName, clientVersion = excluded.clientVersion;
            """,
            p =>
            {
                p.AddWithValue("$id", session.SessionId);
                p.AddWithValue("$developer", session.Developer);
                p.AddWithValue("$project", session.Project);
                p.AddWithValue("$clientName", (object?)session.ClientName ?? DBNull.Value);
                p.AddWithValue("$clientVersion", (object?)session.ClientVersion ?? DBNull.Value);
                p.AddWithValue("$transport", session.Transport);
                p.AddWithValue("$pid", session.Pid);
                p.AddWithValue("$host", session.Host);
                p.AddWithValue("$started", AuditTime.Format(session.Started));
                p.AddWithValue("$lastCall", session.LastCall is { } last ? AuditTime.Format(last) : DBNull.Value);
                p.AddWithValue("$ended", session.Ended is { } ended ? AuditTime.Format(ended) : DBNull.Value);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask TouchAsync(SessionContext session, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ExecuteAsync(
            "UPDATE sessions SET developer = $developer, project = $project, clientName = $clientName, clientVersion = $clientVersion, lastCall = $time WHERE sessionId = $id;",
            p =>
            {
                p.AddWithValue("$id", session.SessionId);
                p.AddWithValue("$developer", session.Developer);
                p.AddWithValue("$project", session.Project);
                p.AddWithValue("$clientName", (object?)session.ClientName ?? DBNull.Value);
                p.AddWithValue("$clientVersion", (object?)session.ClientVersion ?? DBNull.Value);
                p.AddWithValue("$time", AuditTime.Format(time));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask EndAsync(string sessionId, DateTimeOffset time, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE sessions SET ended = $time WHERE sessionId = $id AND ended IS NULL;",
            p =>
            {
                p.AddWithValue("$id", sessionId);
                p.AddWithValue("$time", AuditTime.Format(time));
            },
            cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SessionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SessionColumns} FROM sessions ORDER BY started DESC, sessionId;";
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
                ParseTime(reader.GetString(8)))
            {
                LastCall = reader.IsDBNull(9) ? null : ParseTime(reader.GetString(9)),
                Ended = reader.IsDBNull(10) ? null : ParseTime(reader.GetString(10)),
            });
        }

        return sessions;
    }

    /// <inheritdoc />
    public ValueTask KillAsync(KillRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return ExecuteAsync(
            "INSERT OR REPLACE INTO kill_rules (kind, target, reason, killedBy, time) VALUES ($kind, $target, $reason, $by, $time);",
            p =>
            {
                p.AddWithValue("$kind", rule.Target.KindName);
                p.AddWithValue("$target", rule.Target.Value);
                p.AddWithValue("$reason", rule.Reason);
                p.AddWithValue("$by", rule.By);
                p.AddWithValue("$time", AuditTime.Format(rule.Time));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> UnkillAsync(KillTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM kill_rules WHERE kind = $kind AND target = $target;";
        command.Parameters.AddWithValue("$kind", target.KindName);
        command.Parameters.AddWithValue("$target", target.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<KillRule>> ListKillsAsync(CancellationToken cancellationToken) =>
        ReadKillsAsync("SELECT kind, target, reason, killedBy, time FROM kill_rules ORDER BY time, kind, target;", null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<KillRule?> IsKilledAsync(SessionContext session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var kills = await ReadKillsAsync(
            """
            SELECT kind, target, reason, killedBy, time FROM kill_rules
            WHERE (kind = 'session' AND target = $session) OR (kind = 'developer' AND target = $developer)
               OR (kind = 'project' AND target = $project) OR kind = 'all'
            ORDER BY time LIMIT 1;
            """,
            p =>
            {
                p.AddWithValue("$session", session.SessionId);
                p.AddWithValue("$developer", session.Developer);
                p.AddWithValue("$project", session.Project);
            },
            cancellationToken).ConfigureAwait(false);
        return kills.Count == 0 ? null : kills[0];
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, AuditTime.FormatString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private async ValueTask<IReadOnlyList<KillRule>> ReadKillsAsync(string sql, Action<SqliteParameterCollection>? bind, CancellationToken cancellationToken)
    {
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command.Parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var kills = new List<KillRule>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var target = new KillTarget(KillTarget.ParseKind(reader.GetString(0)), reader.GetString(1));
            kills.Add(new KillRule(target, reader.GetString(2), reader.GetString(3), ParseTime(reader.GetString(4))));
        }

        return kills;
    }

    private async ValueTask ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
