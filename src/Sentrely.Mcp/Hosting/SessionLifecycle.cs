using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Sessions;
using Sentrely.Stores.Sqlite;

using Sentrely.Stores;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// The server's entry in the session registry: at startup it closes what crashed servers of this host left open
/// (<see cref="OrphanRecovery"/>) and registers this session; on a clean shutdown it marks it ended.
/// </summary>
internal sealed partial class SessionLifecycle
{
    private readonly ISessionRegistry _registry;
    private readonly string _sessionId;
    private readonly TimeProvider _time;

    private SessionLifecycle(ISessionRegistry registry, string sessionId, TimeProvider time)
    {
        _registry = registry;
        _sessionId = sessionId;
        _time = time;
    }

    /// <summary>Recovers orphans and registers the session with what is known before the first call.</summary>
    /// <exception cref="StartupAuditException">The store cannot be read or written.</exception>
    public static async ValueTask<SessionLifecycle> StartAsync(
        ISentrelyStore store, ISessionRegistry registry, string sessionId, IdentityConfig identity, string transport, ILogger logger, TimeProvider time)
    {
        try
        {
            var recovered = await new OrphanRecovery(store.Audit, registry, time).RecoverAsync(Environment.MachineName, IsAlive, CancellationToken.None).ConfigureAwait(false);
            if (recovered > 0)
            {
                LogRecovered(logger, recovered);
            }

            // Developer and project may change at the first call (client roots); TouchAsync updates them then.
            var developer = StsNames.SourceIdentity(identity.Developer ?? Environment.UserName);
            await registry.RegisterAsync(
                new SessionRecord(sessionId, developer, identity.Project ?? "", null, null, transport, Environment.ProcessId, Environment.MachineName, time.GetUtcNow()),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not StartupAuditException)
        {
            throw new StartupAuditException(
                $"the store ({store.Description}) cannot register this session ({ex.Message}). Sentrely does not serve without its session registry: the kill switch depends on it.",
                ex);
        }

        return new SessionLifecycle(registry, sessionId, time);
    }

    /// <summary>Returns whether the session's process still runs: same pid, started no later than the session (a reused pid is not alive).</summary>
    public static bool IsAlive(SessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(session.Pid);
            return !process.HasExited && new DateTimeOffset(process.StartTime.ToUniversalTime()) <= session.Started + TimeSpan.FromMinutes(1);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Marks the session ended; best effort (a failure leaves it to the next start's recovery).</summary>
    public async ValueTask EndAsync(ILogger logger)
    {
        try
        {
            await _registry.EndAsync(_sessionId, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogEndFailed(logger, ex, _sessionId);
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Recorded {Count} call(s) left in flight by crashed servers as outcome unknown (error code Orphaned)")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Session {SessionId} could not be marked ended in the registry")]
    private static partial void LogEndFailed(ILogger logger, Exception exception, string sessionId);
}
