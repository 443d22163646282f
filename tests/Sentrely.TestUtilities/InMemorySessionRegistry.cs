using System.Collections.Concurrent;
using Sentrely.Sessions;

namespace Sentrely.TestUtilities;

/// <summary>An <see cref="ISessionRegistry"/> in memory; <see cref="Broken"/> makes every call throw, as an unreadable store does.</summary>
public sealed class InMemorySessionRegistry : ISessionRegistry
{
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<KillTarget, KillRule> _kills = new();

    /// <summary>Gets or sets a value indicating whether every call throws.</summary>
    public bool Broken { get; set; }

    /// <summary>Gets how many kill checks were made.</summary>
    public int Checks { get; private set; }

    public ValueTask RegisterAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        _sessions.AddOrUpdate(session.SessionId, session, (_, old) => old with { Developer = session.Developer, Project = session.Project, ClientName = session.ClientName, ClientVersion = session.ClientVersion });
        return ValueTask.CompletedTask;
    }

    public ValueTask TouchAsync(SessionContext session, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        if (_sessions.TryGetValue(session.SessionId, out var old))
        {
            _sessions[session.SessionId] = old with { Developer = session.Developer, Project = session.Project, ClientName = session.ClientName, ClientVersion = session.ClientVersion, LastCall = time };
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask EndAsync(string sessionId, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        if (_sessions.TryGetValue(sessionId, out var old) && old.Ended is null)
        {
            _sessions[sessionId] = old with { Ended = time };
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<SessionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        return ValueTask.FromResult<IReadOnlyList<SessionRecord>>(_sessions.Values.OrderByDescending(s => s.Started).ToArray());
    }

    public ValueTask KillAsync(KillRule rule, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        _kills[rule.Target] = rule;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> UnkillAsync(KillTarget target, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        return ValueTask.FromResult(_kills.TryRemove(target, out _));
    }

    public ValueTask<IReadOnlyList<KillRule>> ListKillsAsync(CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        return ValueTask.FromResult<IReadOnlyList<KillRule>>(_kills.Values.OrderBy(k => k.Time).ToArray());
    }

    public ValueTask<KillRule?> IsKilledAsync(SessionContext session, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        Checks++;
        return ValueTask.FromResult(_kills.Values.OrderBy(k => k.Time).FirstOrDefault(k => k.Target.Matches(session)));
    }

    private void ThrowIfBroken()
    {
        if (Broken)
        {
            throw new IOException("the registry is unreadable (test)");
        }
    }
}
