using Sentrely.Audit;

namespace Sentrely.Sessions;

/// <summary>
/// Closes what a crashed server left open (DESIGN.md invariant 3). For each session of this host that is not ended and
/// whose process is gone, every intent record without an outcome gets an <c>outcome: unknown</c> record (error code
/// <c>Orphaned</c>) — the AWS request may or may not have happened — and the session is marked ended.
/// </summary>
public sealed class OrphanRecovery
{
    /// <summary>The error code of the outcome recorded for an orphaned intent.</summary>
    public const string OrphanedCode = "Orphaned";

    private readonly IAuditStore _audit;
    private readonly ISessionRegistry _registry;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="OrphanRecovery"/> class.</summary>
    /// <param name="audit">The audit store.</param>
    /// <param name="registry">The session registry.</param>
    /// <param name="time">The clock.</param>
    public OrphanRecovery(IAuditStore audit, ISessionRegistry registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        _audit = audit;
        _registry = registry;
        _time = time;
    }

    /// <summary>Recovers the dead sessions of <paramref name="host"/>; returns how many outcome records it wrote.</summary>
    /// <param name="host">This host's name: sessions of other hosts are left to their own servers.</param>
    /// <param name="isAlive">Whether a session's process still runs (false also for a reused pid).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async ValueTask<int> RecoverAsync(string host, Func<SessionRecord, bool> isAlive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(isAlive);
        var written = 0;
        var sessions = await _registry.ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var session in sessions.Where(s => s.Ended is null && string.Equals(s.Host, host, StringComparison.Ordinal) && !isAlive(s)))
        {
            written += await CloseIntentsAsync(session.SessionId, cancellationToken).ConfigureAwait(false);
            await _registry.EndAsync(session.SessionId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    private async ValueTask<int> CloseIntentsAsync(string sessionId, CancellationToken cancellationToken)
    {
        var open = new Dictionary<string, AuditRecord>(StringComparer.Ordinal);
        await foreach (var record in _audit.ReadAsync(new AuditQuery { SessionId = sessionId }, cancellationToken).ConfigureAwait(false))
        {
            if (record.Phase == "intent")
            {
                open[record.CallId] = record;
            }
            else
            {
                open.Remove(record.CallId);
            }
        }

        foreach (var intent in open.Values.OrderBy(r => r.Seq))
        {
            var outcome = intent with
            {
                Id = Identifiers.NewAuditRecordId(),
                Seq = 0,
                Time = AuditTime.Truncate(_time.GetUtcNow()),
                Phase = "outcome",
                Outcome = "unknown",
                ErrorCode = OrphanedCode,
                Reason = "the server process ended while this call was in flight (crash or kill -9); whether AWS applied it is unknown. Check the resource and CloudTrail.",
                DurationMs = null,
                PrevHash = "",
                Hash = "",
            };
            await _audit.AppendAsync(outcome, cancellationToken).ConfigureAwait(false);
        }

        return open.Count;
    }
}
