using Sentrely.Approval;

namespace Sentrely.TestUtilities;

/// <summary>An <see cref="IApprovalStore"/> in memory under one lock; <see cref="Broken"/> makes every call throw, as an unreadable store does.</summary>
public sealed class InMemoryApprovalStore : IApprovalStore
{
    private readonly object _lock = new();

    // Insertion order breaks ties between requests created at the same time, as rowid does in SQLite.
    private readonly List<ApprovalRecord> _records = [];

    /// <summary>Gets or sets a value indicating whether every call throws.</summary>
    public bool Broken { get; set; }

    /// <summary>Gets a snapshot of every request, oldest first.</summary>
    public IReadOnlyList<ApprovalRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return _records.ToArray();
            }
        }
    }

    public ValueTask<(ApprovalRecord Record, bool Created)> OpenAsync(ApprovalRecord candidate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Status != ApprovalStatus.Pending)
        {
            throw new ArgumentException("a new approval request must be pending", nameof(candidate));
        }

        lock (_lock)
        {
            var live = NewestFirst().FirstOrDefault(r => r.Fingerprint == candidate.Fingerprint && r.IsLive(now));
            if (live is not null)
            {
                return ValueTask.FromResult((live, false));
            }

            if (_records.Any(r => r.Id == candidate.Id))
            {
                throw new InvalidOperationException($"approval {candidate.Id} exists");
            }

            _records.Add(candidate);
            return ValueTask.FromResult((candidate, true));
        }
    }

    public ValueTask<ApprovalRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        lock (_lock)
        {
            return ValueTask.FromResult(_records.FirstOrDefault(r => r.Id == id));
        }
    }

    public ValueTask<IReadOnlyList<ApprovalRecord>> ListAsync(bool all, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        lock (_lock)
        {
            IReadOnlyList<ApprovalRecord> list = NewestFirst().Where(r => all || (r.Status == ApprovalStatus.Pending && now < r.Expires)).ToArray();
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<ApprovalRecord?> DecideAsync(string id, bool approve, string by, string? reason, DateTimeOffset now, TimeSpan validity, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        lock (_lock)
        {
            var index = _records.FindIndex(r => r.Id == id);
            if (index < 0 || _records[index] is not { Status: ApprovalStatus.Pending } pending || now >= pending.Expires)
            {
                return ValueTask.FromResult<ApprovalRecord?>(null);
            }

            var decided = pending with
            {
                Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Denied,
                DecidedBy = by,
                Decided = now,
                DecisionReason = reason,
                Expires = approve ? now + validity : pending.Expires,
            };
            _records[index] = decided;
            return ValueTask.FromResult<ApprovalRecord?>(decided);
        }
    }

    public ValueTask<ApprovalRecord?> ConsumeAsync(string fingerprint, string callId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        lock (_lock)
        {
            var approved = NewestFirst().FirstOrDefault(r => r.Fingerprint == fingerprint && r.Status == ApprovalStatus.Approved && now < r.Expires);
            if (approved is null)
            {
                return ValueTask.FromResult<ApprovalRecord?>(null);
            }

            var used = approved with { Status = ApprovalStatus.Used, UsedByCallId = callId };
            _records[_records.IndexOf(approved)] = used;
            return ValueTask.FromResult<ApprovalRecord?>(used);
        }
    }

    // Stable sort: among equal times, the later insertion comes first.
    private IEnumerable<ApprovalRecord> NewestFirst() =>
        _records.Select((r, i) => (r, i)).OrderByDescending(x => x.r.Created).ThenByDescending(x => x.i).Select(x => x.r);

    private void ThrowIfBroken()
    {
        if (Broken)
        {
            throw new InvalidOperationException("the approval store is unreadable (test)");
        }
    }
}
