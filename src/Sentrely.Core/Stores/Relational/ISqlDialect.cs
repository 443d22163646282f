using System.Data.Common;

namespace Sentrely.Stores.Relational;

/// <summary>
/// What differs between the databases the relational stores run on (SQLite, PostgreSQL): opening a connection, taking
/// the write lock, binding and reading times. The SQL text itself is shared: named <c>@parameters</c>, <c>INSERT … ON
/// CONFLICT</c>, plain comparisons.
/// </summary>
public interface ISqlDialect
{
    /// <summary>Gets the clock.</summary>
    TimeProvider Time { get; }

    /// <summary>Gets the clause that row-locks the rows a <c>SELECT</c> reads inside a write transaction (<c>FOR UPDATE</c>), or empty when the transaction already excludes every other writer.</summary>
    string ForUpdate { get; }

    /// <summary>Returns the <c>ORDER BY</c> expression that sorts the text <paramref name="column"/> in ordinal (byte) order, as <see cref="StringComparer.Ordinal"/> does.</summary>
    /// <param name="column">The column name.</param>
    string Ordinal(string column);

    /// <summary>
    /// Gets the statement that deletes the <c>rate_buckets</c> rows idle for a whole period before <c>@now</c> (such a bucket
    /// is full, as an absent one is) without waiting for rows another take holds.
    /// </summary>
    string SweepIdleBuckets { get; }

    /// <summary>Opens a connection to the migrated database.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a write transaction. With <paramref name="exclusive"/>, no other exclusive writer (another process or replica)
    /// runs until it ends (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: a transaction-scoped advisory lock); without, other
    /// writers are kept off only the rows it locks with <see cref="ForUpdate"/> (SQLite still takes the file's write lock).
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="exclusive">Whether to exclude every other exclusive writer.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, bool exclusive, CancellationToken cancellationToken);

    /// <summary>Returns the value to bind for <paramref name="time"/>.</summary>
    /// <param name="time">The time.</param>
    object TimeValue(DateTimeOffset time);

    /// <summary>Reads a time bound with <see cref="TimeValue"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column.</param>
    DateTimeOffset ReadTime(DbDataReader reader, int ordinal);
}
