using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Limits;

/// <summary>
/// The ledger of one process, in memory, for tests and <c>policy explain</c>: a restart forgets what earlier processes
/// launched. Servers keep the ledger in their store (SQLite or PostgreSQL), so caps hold across processes.
/// </summary>
public sealed class InMemoryInstanceLedger : IInstanceLedger
{
    /// <summary>How long a reservation counts when AWS's answer is never observed (a later stage refused, STS failed, the call was cancelled).</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LedgerInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LaunchReservation Reservation, DateTimeOffset Expires)> _reservations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryInstanceLedger"/> class.</summary>
    /// <param name="time">The clock for reservation expiry.</param>
    public InMemoryInstanceLedger(TimeProvider time) => _time = time;

    /// <inheritdoc />
    public ValueTask<LedgerUsage> UsageAsync(string sessionId, string developer, string? group, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(Usage(sessionId, developer, group));
        }
    }

    /// <inheritdoc />
    public ValueTask<ToolCallRejection?> ReserveAsync(LaunchReservation reservation, Func<LedgerUsage, ToolCallRejection?> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(check);
        lock (_lock)
        {
            if (check(Usage(reservation.SessionId, reservation.Developer, reservation.Group)) is { } rejection)
            {
                return ValueTask.FromResult<ToolCallRejection?>(rejection);
            }

            _reservations[reservation.CallId] = (reservation, _time.GetUtcNow() + ReservationLifetime);
            return ValueTask.FromResult<ToolCallRejection?>(null);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string callId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _reservations.Remove(callId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerInstance>> FindAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        lock (_lock)
        {
            IReadOnlyList<LedgerInstance> found = instanceIds.Distinct(StringComparer.Ordinal)
                .Select(id => _instances.GetValueOrDefault(id))
                .OfType<LedgerInstance>()
                .ToList();
            return ValueTask.FromResult(found);
        }
    }

    /// <inheritdoc />
    public ValueTask RecordLaunchedAsync(IReadOnlyList<LedgerInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        lock (_lock)
        {
            foreach (var instance in instances)
            {
                _instances[instance.InstanceId] = instance;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> MarkRunningAsync(IReadOnlyCollection<string> instanceIds, SessionContext startedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startedBy);
        return Update(instanceIds, i => i.State == LedgerInstanceState.Terminated
            ? i
            : i with { State = LedgerInstanceState.Running, SessionId = startedBy.SessionId, Developer = startedBy.Developer, Project = startedBy.Project, Group = SessionGroup.Of(startedBy) });
    }

    /// <inheritdoc />
    public ValueTask<int> MarkNotRunningAsync(IReadOnlyCollection<string> instanceIds, LedgerInstanceState state, CancellationToken cancellationToken)
    {
        if (state == LedgerInstanceState.Running)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "use MarkRunningAsync");
        }

        // Terminated is final: a late "stopped" never brings an instance back.
        return Update(instanceIds, i => i.State == LedgerInstanceState.Terminated ? i : i with { State = state });
    }

    private ValueTask<int> Update(IReadOnlyCollection<string> instanceIds, Func<LedgerInstance, LedgerInstance> change)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var changed = 0;
        lock (_lock)
        {
            foreach (var id in instanceIds.Distinct(StringComparer.Ordinal))
            {
                if (_instances.TryGetValue(id, out var instance) && change(instance) is var updated && updated != instance)
                {
                    _instances[id] = updated;
                    changed++;
                }
            }
        }

        return ValueTask.FromResult(changed);
    }

    private LedgerUsage Usage(string sessionId, string developer, string? group)
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _reservations.Where(r => r.Value.Expires <= now).Select(r => r.Key).ToList())
        {
            _reservations.Remove(expired);
        }

        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        var developerRunning = 0;
        var running = _instances.Values.Where(i => i.State == LedgerInstanceState.Running).Select(i => (i.SessionId, i.Developer, i.Group, i.InstanceType));
        var reserved = _reservations.Values.SelectMany(r => r.Reservation.InstanceTypes.Select(t => (r.Reservation.SessionId, r.Reservation.Developer, r.Reservation.Group, InstanceType: t)));
        foreach (var (session, dev, sessionGroup, type) in running.Concat(reserved))
        {
            if (string.Equals(session, sessionId, StringComparison.Ordinal) || (group is not null && string.Equals(sessionGroup, group, StringComparison.Ordinal)))
            {
                byType[type] = byType.GetValueOrDefault(type) + 1;
            }

            if (string.Equals(dev, developer, StringComparison.Ordinal))
            {
                developerRunning++;
            }
        }

        return new LedgerUsage(byType, developerRunning);
    }
}
