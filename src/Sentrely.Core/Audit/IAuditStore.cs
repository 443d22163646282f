namespace Sentrely.Audit;

/// <summary>Gets the durable, append-only audit log.</summary>
public interface IAuditStore
{
    /// <summary>
    /// Appends a record and returns it with <see cref="AuditRecord.Seq"/>, <see cref="AuditRecord.PrevHash"/>
    /// and <see cref="AuditRecord.Hash"/> assigned. Returns only once the record is committed; throws when it is not.
    /// </summary>
    /// <param name="record">The record; its seq and hashes are ignored.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Streams the records matching <paramref name="query"/> in <c>seq</c> order without loading them all.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    IAsyncEnumerable<AuditRecord> ReadAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Returns the last record's seq and hash, or null when the log is empty.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<AuditHead?> GetHeadAsync(CancellationToken cancellationToken);
}

/// <summary>Gets a filter over audit records; null members do not filter.</summary>
public sealed record AuditQuery
{
    /// <summary>Gets the session id.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the tool name.</summary>
    public string? Tool { get; init; }

    /// <summary>Gets the decision.</summary>
    public string? Decision { get; init; }

    /// <summary>Gets the earliest time (inclusive).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest time (exclusive).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the smallest seq (inclusive).</summary>
    public long? AfterSeq { get; init; }

    /// <summary>Gets the most records to return, counted from the end when <see cref="Tail"/> is set.</summary>
    public int? Limit { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Limit"/> takes the newest records (still returned oldest first).</summary>
    public bool Tail { get; init; }
}

/// <summary>Gets the head of the hash chain: <c>seq:hash</c>.</summary>
/// <param name="Seq">The last record's seq.</param>
/// <param name="Hash">The last record's hash.</param>
public sealed record AuditHead(long Seq, string Hash)
{
    /// <inheritdoc />
    public override string ToString() => $"{Seq}:{Hash}";
}
