using Sentrely.Sessions;

namespace Sentrely.Mcp.Cli;

/// <summary>A registry that cannot be read: for machinery that must never decide on live session state (fails closed if it does).</summary>
internal sealed class UnreadableSessionRegistry : ISessionRegistry
{
    public ValueTask RegisterAsync(SessionRecord session, CancellationToken cancellationToken) => throw Unavailable();

    public ValueTask TouchAsync(SessionContext session, DateTimeOffset time, CancellationToken cancellationToken) => throw Unavailable();

    public ValueTask EndAsync(string sessionId, DateTimeOffset time, CancellationToken cancellationToken) => throw Unavailable();

    public ValueTask<IReadOnlyList<SessionRecord>> ListAsync(CancellationToken cancellationToken) => throw Unavailable();

    public ValueTask KillAsync(KillRule rule, CancellationToken cancellationToken) => throw Unavailable();

    public ValueTask<bool> UnkillAsync(KillTarget target, CancellationToken cancellationToken) => throw Unavailable();

    public ValueTask<IReadOnlyList<KillRule>> ListKillsAsync(CancellationToken cancellationToken) => throw Unavailable();

    public ValueTask<KillRule?> IsKilledAsync(SessionContext session, CancellationToken cancellationToken) => throw Unavailable();

    private static InvalidOperationException Unavailable() => new("no session registry here: policy explain and test do not read live session state");
}
