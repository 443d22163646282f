using System.Data.Common;
using Sentrely.Limits;

namespace Sentrely.Stores.Relational;

/// <summary>
/// Token buckets in the store's database (table <c>rate_buckets</c>), shared by every process, session and replica on it,
/// with one implementation for every database (<see cref="ISqlDialect"/>). A take inserts its missing buckets full, locks
/// their rows in ordinal key order (PostgreSQL <c>FOR UPDATE</c>; SQLite holds the file's write lock), computes the levels
/// with <see cref="TokenBucketMath"/> and writes them back in the same transaction: all or nothing, never over capacity,
/// and concurrent takes never deadlock.
/// </summary>
/// <remarks>
/// Processes share no monotonic clock, so elapsed time is measured on the wall clock of the process that takes: a clock
/// that steps backwards refills nothing (elapsed time counts as zero), one that steps forward refills early.
/// </remarks>
public sealed class RelationalRateLimitStore : IRateLimitStore
{
    // A bucket idle for a whole period is full, as is one absent from the table: such rows are dropped now and then.
    private const int SweepEvery = 1024;

    private readonly ISqlDialect _sql;
    private int _takes;

    /// <summary>Initializes a new instance of the <see cref="RelationalRateLimitStore"/> class.</summary>
    /// <param name="sql">The database.</param>
    public RelationalRateLimitStore(ISqlDialect sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        _sql = sql;
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitResult> TryTakeAsync(IReadOnlyList<RateLimitBucket> buckets, CancellationToken cancellationToken)
    {
        TokenBucketMath.Validate(buckets);
        if (buckets.Count == 0)
        {
            return RateLimitResult.Allowed;
        }

        // One order (ordinal) for every insert and lock, so concurrent takes never deadlock.
        var ordered = buckets.OrderBy(b => b.Key, StringComparer.Ordinal).ToArray();
        var now = _sql.Time.GetUtcNow();
        using var connection = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await _sql.BeginWriteAsync(connection, exclusive: false, cancellationToken).ConfigureAwait(false);

        // Rows must exist to be locked; a missing bucket is full.
        foreach (var bucket in ordered)
        {
            using var ensure = SqlCommands.Create(
                connection,
                transaction,
                "INSERT INTO rate_buckets (key, level, capacity, periodTicks, updated) VALUES (@key, @level, @capacity, @period, @now) ON CONFLICT (key) DO NOTHING;")
                .With("key", bucket.Key).With("level", TokenBucketMath.Full(bucket)).With("capacity", bucket.Capacity)
                .With("period", bucket.Period.Ticks).With("now", _sql.TimeValue(now));
            await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var stored = await LockAsync(connection, transaction, ordered, cancellationToken).ConfigureAwait(false);
        var levels = new Dictionary<string, long>(StringComparer.Ordinal);
        var denials = new List<RateLimitDenial>();
        foreach (var bucket in buckets)
        {
            var row = stored[bucket.Key];
            var level = TokenBucketMath.LevelAt(bucket, row.Level, row.Capacity, row.Period, now - row.Updated);
            levels[bucket.Key] = level;
            if (TokenBucketMath.RetryAfter(bucket, level) is { } retryAfter)
            {
                denials.Add(new RateLimitDenial(bucket, retryAfter));
            }
        }

        if (denials.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new RateLimitResult { Denials = denials };
        }

        foreach (var bucket in ordered)
        {
            using var update = SqlCommands.Create(
                connection,
                transaction,
                "UPDATE rate_buckets SET level = @level, capacity = @capacity, periodTicks = @period, updated = @now WHERE key = @key;")
                .With("key", bucket.Key).With("level", levels[bucket.Key] - TokenBucketMath.Cost(bucket)).With("capacity", bucket.Capacity)
                .With("period", bucket.Period.Ticks).With("now", _sql.TimeValue(now));
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.Increment(ref _takes) % SweepEvery == 0)
        {
            using var sweep = SqlCommands.Create(connection, null, _sql.SweepIdleBuckets).With("now", _sql.TimeValue(now));
            await sweep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return RateLimitResult.Allowed;
    }

    /// <inheritdoc />
    public async ValueTask<int> AvailableAsync(RateLimitBucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        using var connection = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = SqlCommands.Create(connection, null, "SELECT level, capacity, periodTicks, updated FROM rate_buckets WHERE key = @key;").With("key", bucket.Key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var level = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? TokenBucketMath.LevelAt(bucket, reader.GetInt64(0), reader.GetInt32(1), TimeSpan.FromTicks(reader.GetInt64(2)), _sql.Time.GetUtcNow() - _sql.ReadTime(reader, 3))
            : TokenBucketMath.Full(bucket);
        return (int)(level / TokenBucketMath.Cost(bucket));
    }

    private async Task<Dictionary<string, (long Level, int Capacity, TimeSpan Period, DateTimeOffset Updated)>> LockAsync(
        DbConnection connection, DbTransaction transaction, RateLimitBucket[] ordered, CancellationToken cancellationToken)
    {
        using var select = SqlCommands.Create(connection, transaction, "");
        var keys = select.WithList("k", ordered.Select(b => b.Key).ToArray());
        select.CommandText = $"SELECT key, level, capacity, periodTicks, updated FROM rate_buckets WHERE key IN ({keys}) ORDER BY {_sql.Ordinal("key")}{_sql.ForUpdate};";
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, (long, int, TimeSpan, DateTimeOffset)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2), TimeSpan.FromTicks(reader.GetInt64(3)), _sql.ReadTime(reader, 4));
        }

        return rows;
    }
}
