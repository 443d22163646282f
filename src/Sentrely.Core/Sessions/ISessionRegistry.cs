namespace Sentrely.Sessions;

/// <summary>
/// Gets the shared record of running sessions and kill rules. Servers and the CLI share it (one SQLite file, or
/// PostgreSQL for several replicas), so a kill made by any process is seen by every server at its next call.
/// </summary>
public interface ISessionRegistry
{
    /// <summary>Records a session, or updates its identity fields when it is already registered.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask RegisterAsync(SessionRecord session, CancellationToken cancellationToken);

    /// <summary>Sets the session's developer, project and client (known at its first call) and its last-call time.</summary>
    /// <param name="session">The session's identity.</param>
    /// <param name="time">The time of the call.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask TouchAsync(SessionContext session, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Marks a session ended.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="time">When it ended.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask EndAsync(string sessionId, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Returns every registered session, newest first.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<IReadOnlyList<SessionRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a kill rule, replacing one with the same target.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask KillAsync(KillRule rule, CancellationToken cancellationToken);

    /// <summary>Removes the kill rule with this exact target; returns whether there was one.</summary>
    /// <param name="target">The target.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<bool> UnkillAsync(KillTarget target, CancellationToken cancellationToken);

    /// <summary>Returns every kill rule in force.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<IReadOnlyList<KillRule>> ListKillsAsync(CancellationToken cancellationToken);

    /// <summary>Returns a kill rule covering the session, or null; throws when the registry cannot be read (callers fail closed).</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<KillRule?> IsKilledAsync(SessionContext session, CancellationToken cancellationToken);
}
