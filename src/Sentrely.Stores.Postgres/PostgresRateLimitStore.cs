using Npgsql;
using Sentrely.Limits;

namespace Sentrely.Stores.Postgres;

/// <summary>
/// Token buckets in PostgreSQL (table <c>rate_buckets</c>), shared by every replica. A take locks the rows of its
/// buckets (<c>SELECT … FOR UPDATE</c>, in key order so takes never deadlock), computes the levels with
/// <see cref="TokenBucketMath"/> and writes them back in the same transaction: all or nothing, never over capacity.
/// </summary>
/// <remarks>
/// Replicas share no monotonic clock, so elapsed time is measured on the wall clock of the replica that takes; a
/// clock that steps backwards refills nothing (elapsed time counts as zero), one that steps forward refills early.
/// </remarks>
public sealed class PostgresRateLimitStore : IRateLimitStore
{
    private readonly PostgresDatabase _database;

    internal PostgresRateLimitStore(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public async ValueTask<RateLimitResult> TryTakeAsync(IReadOnlyList<RateLimitBucket> buckets, CancellationToken cancellationToken)
    {
        TokenBucketMath.Validate(buckets);
        if (buckets.Count == 0)
        {
            return RateLimitResult.Allowed;
        }

        var now = _database.Time.GetUtcNow();
        // One order (ordinal, and COLLATE "C" in SQL) for every insert and lock, so concurrent takes never deadlock.
        var ordered = buckets.OrderBy(b => b.Key, StringComparer.Ordinal).ToArray();
        var keys = ordered.Select(b => b.Key).ToArray();
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Rows must exist to be locked; a missing bucket is full.
        using (var ensure = new NpgsqlCommand(
            """
            INSERT INTO rate_buckets (key, level, capacity, periodTicks, updated)
            SELECT k, c::bigint * p, c, p, @now FROM unnest(@keys, @capacities, @periods) AS b(k, c, p)
            ON CONFLICT (key) DO NOTHING;
            """,
            connection,
            transaction))
        {
            ensure.Parameters.AddWithValue("keys", keys);
            ensure.Parameters.AddWithValue("capacities", ordered.Select(b => b.Capacity).ToArray());
            ensure.Parameters.AddWithValue("periods", ordered.Select(b => b.Period.Ticks).ToArray());
            ensure.Parameters.AddWithValue("now", now);
            await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var stored = await LockAsync(connection, transaction, keys, cancellationToken).ConfigureAwait(false);
        var levels = new Dictionary<string, long>(StringComparer.Ordinal);
        var denials = new List<RateLimitDenial>();
        for (var i = 0; i < buckets.Count; i++)
        {
            var row = stored[buckets[i].Key];
            var level = TokenBucketMath.LevelAt(buckets[i], row.Level, row.Capacity, row.Period, now - row.Updated);
            levels[buckets[i].Key] = level;
            if (TokenBucketMath.RetryAfter(buckets[i], level) is { } retryAfter)
            {
                denials.Add(new RateLimitDenial(buckets[i], retryAfter));
            }
        }

        if (denials.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new RateLimitResult { Denials = denials };
        }

        using (var update = new NpgsqlCommand(
            """
            UPDATE rate_buckets AS r SET level = b.l, capacity = b.c, periodTicks = b.p, updated = @now
            FROM unnest(@keys, @levels, @capacities, @periods) AS b(k, l, c, p) WHERE r.key = b.k;
            """,
            connection,
            transaction))
        {
            update.Parameters.AddWithValue("keys", keys);
            update.Parameters.AddWithValue("levels", ordered.Select(b => levels[b.Key] - TokenBucketMath.Cost(b)).ToArray());
            update.Parameters.AddWithValue("capacities", ordered.Select(b => b.Capacity).ToArray());
            update.Parameters.AddWithValue("periods", ordered.Select(b => b.Period.Ticks).ToArray());
            update.Parameters.AddWithValue("now", now);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RateLimitResult.Allowed;
    }

    /// <inheritdoc />
    public async ValueTask<int> AvailableAsync(RateLimitBucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand("SELECT level, capacity, periodTicks, updated FROM rate_buckets WHERE key = @key;", connection);
        command.Parameters.AddWithValue("key", bucket.Key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var level = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? TokenBucketMath.LevelAt(bucket, reader.GetInt64(0), reader.GetInt32(1), TimeSpan.FromTicks(reader.GetInt64(2)), _database.Time.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(3))
            : TokenBucketMath.Full(bucket);
        return (int)(level / TokenBucketMath.Cost(bucket));
    }

    private static async Task<Dictionary<string, (long Level, int Capacity, TimeSpan Period, DateTimeOffset Updated)>> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] keys, CancellationToken cancellationToken)
    {
        using var select = new NpgsqlCommand(
            "SELECT key, level, capacity, periodTicks, updated FROM rate_buckets WHERE key = ANY(@keys) ORDER BY key COLLATE \"C\" FOR UPDATE;",
            connection,
            transaction);
        select.Parameters.AddWithValue("keys", keys);
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, (long, int, TimeSpan, DateTimeOffset)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2), TimeSpan.FromTicks(reader.GetInt64(3)), reader.GetFieldValue<DateTimeOffset>(4));
        }

        return rows;
    }
}
