using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Limits;

/// <summary>
/// Gets the record of instances Sentrely launched and whether they still run, plus short-lived reservations
/// for launches in flight. Kept in the store (SQLite file or PostgreSQL), so a new process, session or replica
/// counts the same instances; <see cref="InMemoryInstanceLedger"/> serves tests and <c>policy explain</c>.
/// </summary>
public interface IInstanceLedger
{
    /// <summary>Returns what counts against a session's and a developer's caps.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="developer">The developer.</param>
    /// <param name="group">The session's <see cref="SessionGroup"/>, whose instances count against the session's caps too; null for the session alone.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<LedgerUsage> UsageAsync(string sessionId, string developer, string? group, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically reads the usage of the reservation's session, group and developer, runs <paramref name="check"/>
    /// on it, and records the reservation when the check passes.
    /// </summary>
    /// <param name="reservation">The instances about to run.</param>
    /// <param name="check">Returns a refusal, or null to reserve.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The check's refusal, or null when reserved.</returns>
    ValueTask<ToolCallRejection?> ReserveAsync(LaunchReservation reservation, Func<LedgerUsage, ToolCallRejection?> check, CancellationToken cancellationToken);

    /// <summary>Drops the reservation of a call (AWS answered); a no-op when there is none.</summary>
    /// <param name="callId">The call.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask ReleaseAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Returns the known instances among <paramref name="instanceIds"/>.</summary>
    /// <param name="instanceIds">The ids to look up.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<IReadOnlyList<LedgerInstance>> FindAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken);

    /// <summary>Records launched instances.</summary>
    /// <param name="instances">The instances.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask RecordLaunchedAsync(IReadOnlyList<LedgerInstance> instances, CancellationToken cancellationToken);

    /// <summary>Marks known, not-terminated instances running again and counts them against <paramref name="startedBy"/> (and its <see cref="SessionGroup"/>).</summary>
    /// <param name="instanceIds">The ids; unknown ones are ignored.</param>
    /// <param name="startedBy">The session that started them.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>How many instances changed.</returns>
    ValueTask<int> MarkRunningAsync(IReadOnlyCollection<string> instanceIds, SessionContext startedBy, CancellationToken cancellationToken);

    /// <summary>Marks known instances stopped or terminated (no longer counted).</summary>
    /// <param name="instanceIds">The ids; unknown ones are ignored.</param>
    /// <param name="state"><see cref="LedgerInstanceState.Stopped"/> or <see cref="LedgerInstanceState.Terminated"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>How many instances changed.</returns>
    ValueTask<int> MarkNotRunningAsync(IReadOnlyCollection<string> instanceIds, LedgerInstanceState state, CancellationToken cancellationToken);
}
