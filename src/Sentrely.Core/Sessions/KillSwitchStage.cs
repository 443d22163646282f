using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sentrely.Pipeline;

namespace Sentrely.Sessions;

/// <summary>
/// Refuses every call of a killed session (DESIGN.md invariant 6). Reads the shared registry on every call, so a kill
/// made by another process applies at the next call; when the registry cannot be read the call is refused too.
/// Also records the session's identity and last-call time in the registry (best effort, at most every few seconds).
/// </summary>
public sealed partial class KillSwitchStage : IToolCallStage
{
    /// <summary>The error code of a killed session's refusals.</summary>
    public const string KilledCode = "Killed";

    /// <summary>The error code of a refusal because the registry could not be read.</summary>
    public const string UnavailableCode = "KillSwitchUnavailable";

    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(5);

    private readonly ISessionRegistry _registry;
    private readonly Action<KillRule> _onKilled;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _touchLock = new();
    private SessionContext? _touched;
    private DateTimeOffset _touchedAt;

    /// <summary>Initializes a new instance of the <see cref="KillSwitchStage"/> class.</summary>
    /// <param name="registry">The shared session registry.</param>
    /// <param name="onKilled">Runs when a call is refused for a kill: discards cached credentials.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger; null for none.</param>
    public KillSwitchStage(ISessionRegistry registry, Action<KillRule> onKilled, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(onKilled);
        ArgumentNullException.ThrowIfNull(time);
        _registry = registry;
        _onKilled = onKilled;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public int Order => StageOrder.KillSwitch;

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = context.Request.Session;
        KillRule? kill;
        try
        {
            kill = await _registry.IsKilledAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreadable(_logger, ex, session.SessionId);
            return ToolCallRejection.Deny(
                UnavailableCode,
                "Sentrely cannot read its session registry, so it cannot tell whether this session was stopped; the call is refused. The operator must fix the store (see the server log).");
        }

        if (kill is not null)
        {
            _onKilled(kill);
            return new ToolCallRejection(AuditDecisions.Killed, KilledCode, Message(kill));
        }

        await TouchAsync(session, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Returns the refusal message of a kill: who, when, why, and how to undo it.</summary>
    /// <param name="kill">The kill rule.</param>
    public static string Message(KillRule kill)
    {
        ArgumentNullException.ThrowIfNull(kill);
        var target = kill.Target.Kind == KillTargetKind.All ? "--all" : kill.Target.Kind == KillTargetKind.Session ? kill.Target.Value : $"--{kill.Target.KindName} {kill.Target.Value}";
        return $"this session was stopped by {kill.By} at {Audit.AuditTime.Format(kill.Time)} ({kill.Target}): {kill.Reason}. "
            + $"No AWS request is made. An operator can undo it with `sentrely sessions unkill {target}`.";
    }

    private async ValueTask TouchAsync(SessionContext session, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_touchLock)
        {
            if (session == _touched && now - _touchedAt < TouchInterval)
            {
                return;
            }

            _touched = session;
            _touchedAt = now;
        }

        try
        {
            await _registry.TouchAsync(session, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The registry's activity column is informational; the kill check above is what must not fail open.
            LogTouchFailed(_logger, ex, session.SessionId);
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Critical, Message = "Session {SessionId}: the session registry could not be read; refusing the call")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Session {SessionId}: the session registry could not record the call time")]
    private static partial void LogTouchFailed(ILogger logger, Exception exception, string sessionId);
}
