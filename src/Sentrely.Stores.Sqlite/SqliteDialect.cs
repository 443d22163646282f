using System.Data.Common;
using Sentrely.Stores.Relational;

namespace Sentrely.Stores.Sqlite;

/// <summary>
/// The SQLite side of the relational stores: connections to the audit store's migrated file, <c>BEGIN IMMEDIATE</c> for
/// every write (the file's single write lock, across processes), times as exact UTC ticks in INTEGER columns.
/// </summary>
internal sealed class SqliteDialect(SqliteAuditStore store, TimeProvider time) : ISqlDialect
{
    public TimeProvider Time => time;

    // The write transaction already excludes every other writer of the file.
    public string ForUpdate => "";

    public string SweepIdleBuckets => "DELETE FROM rate_buckets WHERE updated <= @now - periodTicks;";

    // SQLite's default BINARY collation compares UTF-8 bytes: ordinal order.
    public string Ordinal(string column) => column;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => await store.OpenAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, bool exclusive, CancellationToken cancellationToken)
    {
        // deferred: false = BEGIN IMMEDIATE: the write lock is taken before the first read, so no other process's write
        // interleaves between what a transaction reads and what it writes (waits up to the busy timeout).
        DbTransaction transaction = ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        return ValueTask.FromResult(transaction);
    }

    public object TimeValue(DateTimeOffset time) => time.UtcTicks;

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);
}
