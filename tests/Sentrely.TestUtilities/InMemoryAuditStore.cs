using System.Runtime.CompilerServices;
using Sentrely.Audit;

namespace Sentrely.TestUtilities;

/// <summary>An audit store in memory, with a switch to make writes fail (store-unavailable tests).</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly List<AuditRecord> _records = [];
    private readonly object _gate = new();

    public bool FailWrites { get; set; }

    public IReadOnlyList<AuditRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return _records.ToArray();
            }
        }
    }

    public ValueTask<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (FailWrites)
        {
            throw new IOException("the audit store is unavailable (test)");
        }

        lock (_gate)
        {
            var prev = _records.Count == 0 ? AuditHashChain.GenesisHash : _records[^1].Hash;
            var stored = record with { Seq = _records.Count + 1, PrevHash = prev };
            stored = stored with { Hash = AuditHashChain.ComputeHash(stored) };
            _records.Add(stored);
            return ValueTask.FromResult(stored);
        }
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var r in Records)
        {
            yield return r;
        }
    }

    public ValueTask<AuditHead?> GetHeadAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Records is [.., var last] ? new AuditHead(last.Seq, last.Hash) : null);
}
