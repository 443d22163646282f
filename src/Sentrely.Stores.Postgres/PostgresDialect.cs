using System.Data.Common;
using Sentrely.Stores.Relational;

namespace Sentrely.Stores.Postgres;

/// <summary>
/// The PostgreSQL side of the relational stores: pooled connections to the migrated database, row locks
/// (<c>FOR UPDATE</c>) or a transaction-scoped advisory lock for an exclusive write, times as <c>timestamptz</c>.
/// </summary>
internal sealed class PostgresDialect(PostgresDatabase database) : ISqlDialect
{
    public TimeProvider Time => database.Time;

    public string ForUpdate => " FOR UPDATE";

    // SKIP LOCKED: the sweep never waits for (or deadlocks with) a take holding a row.
    public string SweepIdleBuckets =>
        """
        DELETE FROM rate_buckets WHERE key IN (
            SELECT key FROM rate_buckets WHERE updated <= @now - make_interval(secs => periodTicks / 10000000.0) FOR UPDATE SKIP LOCKED);
        """;

    public string Ordinal(string column) => column + " COLLATE \"C\"";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, bool exclusive, CancellationToken cancellationToken)
    {
        var npgsql = (Npgsql.NpgsqlConnection)connection;
        var transaction = await npgsql.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (exclusive)
        {
            await PostgresDatabase.LockAsync(npgsql, transaction, PostgresDatabase.LedgerLock, cancellationToken).ConfigureAwait(false);
        }

        return transaction;
    }

    // Npgsql writes only UTC values to timestamptz.
    public object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
