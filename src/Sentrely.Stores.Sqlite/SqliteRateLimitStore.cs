using Microsoft.Data.Sqlite;
using Sentrely.Limits;

namespace Sentrely.Stores.Sqlite;

/// <summary>
/// Token buckets in the SQLite file (table <c>rate_buckets</c>, schema version 6), so a new process or session continues
/// the counts of the last one. A take runs under <c>BEGIN IMMEDIATE</c>: the write lock is held from the read of the
/// levels to the write-back, so two processes on one file never both take the last token. It mirrors
/// <c>PostgresRateLimitStore</c> and shares its arithmetic (<see cref="TokenBucketMath"/>).
/// </summary>
/// <remarks>
/// Processes share no monotonic clock, so elapsed time is measured on the wall clock, kept as exact UTC ticks: a clock
/// that steps backwards refills nothing (elapsed time counts as zero), one that steps forward refills early.
/// </remarks>
public sealed class SqliteRateLimitStore : IRateLimitStore
{
    // A bucket idle for a whole period is full, as is one absent from the table: such rows are dropped now and then.
    private const int SweepEvery = 1024;

    private readonly SqliteAuditStore _store;
    private readonly TimeProvider _time;
    private int _takesSinceSweep;

    /// <summary>Initializes a new instance of the <see cref="SqliteRateLimitStore"/> class over the audit store's file.</summary>
    /// <param name="store">The audit store whose database holds the buckets.</param>
    /// <param name="time">The clock.</param>
    public SqliteRateLimitStore(SqliteAuditStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitResult> TryTakeAsync(IReadOnlyList<RateLimitBucket> buckets, CancellationToken cancellationToken)
    {
        TokenBucketMath.Validate(buckets);
        if (buckets.Count == 0)
        {
            return RateLimitResult.Allowed;
        }

        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);

        // deferred: false = BEGIN IMMEDIATE: the write lock is taken before the read, so no other take interleaves.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        var now = _time.GetUtcNow().UtcTicks;
        var stored = await ReadAsync(connection, transaction, buckets, cancellationToken).ConfigureAwait(false);
        var levels = new long[buckets.Count];
        var denials = new List<RateLimitDenial>();
        for (var i = 0; i < buckets.Count; i++)
        {
            levels[i] = LevelAt(buckets[i], stored, now);
            if (TokenBucketMath.RetryAfter(buckets[i], levels[i]) is { } retryAfter)
            {
                denials.Add(new RateLimitDenial(buckets[i], retryAfter));
            }
        }

        if (denials.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new RateLimitResult { Denials = denials };
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText =
                """
                INSERT INTO rate_buckets (key, level, capacity, periodTicks, updated) VALUES ($key, $level, $capacity, $period, $now)
                ON CONFLICT (key) DO UPDATE SET level = excluded.level, capacity = excluded.capacity,
                    periodTicks = excluded.periodTicks, updated = excluded.updated;
                """;
            write.Parameters.AddWithValue("$key", buckets[i].Key);
            write.Parameters.AddWithValue("$level", levels[i] - TokenBucketMath.Cost(buckets[i]));
            write.Parameters.AddWithValue("$capacity", buckets[i].Capacity);
            write.Parameters.AddWithValue("$period", buckets[i].Period.Ticks);
            write.Parameters.AddWithValue("$now", now);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Interlocked.Increment(ref _takesSinceSweep) % SweepEvery == 0)
        {
            using var sweep = connection.CreateCommand();
            sweep.Transaction = transaction;
            sweep.CommandText = "DELETE FROM rate_buckets WHERE updated <= $now - periodTicks;";
            sweep.Parameters.AddWithValue("$now", now);
            await sweep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RateLimitResult.Allowed;
    }

    /// <inheritdoc />
    public async ValueTask<int> AvailableAsync(RateLimitBucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadAsync(connection, null, [bucket], cancellationToken).ConfigureAwait(false);
        return (int)(LevelAt(bucket, stored, _time.GetUtcNow().UtcTicks) / TokenBucketMath.Cost(bucket));
    }

    private static long LevelAt(RateLimitBucket bucket, Dictionary<string, (long Level, int Capacity, long Period, long Updated)> stored, long now) =>
        stored.TryGetValue(bucket.Key, out var row)
            ? TokenBucketMath.LevelAt(bucket, row.Level, row.Capacity, TimeSpan.FromTicks(row.Period), TimeSpan.FromTicks(now - row.Updated))
            : TokenBucketMath.Full(bucket);

    private static async Task<Dictionary<string, (long Level, int Capacity, long Period, long Updated)>> ReadAsync(
        SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<RateLimitBucket> buckets, CancellationToken cancellationToken)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText =
            $"SELECT key, level, capacity, periodTicks, updated FROM rate_buckets WHERE key IN ({string.Join(", ", buckets.Select((_, i) => $"$k{i}"))});";
        for (var i = 0; i < buckets.Count; i++)
        {
            select.Parameters.AddWithValue($"$k{i}", buckets[i].Key);
        }

        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, (long, int, long, long)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        return rows;
    }
}
