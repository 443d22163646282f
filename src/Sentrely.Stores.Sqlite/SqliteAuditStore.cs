using Microsoft.Data.Sqlite;
using Sentrely.Audit;

namespace Sentrely.Stores.Sqlite;

/// <summary>The embedded audit log: one SQLite file in WAL mode, one <c>audit_records</c> row per record, hash-chained.</summary>
/// <remarks>
/// <para>
/// Every connection runs with <c>synchronous=FULL</c>: in WAL mode the default (<c>NORMAL</c>) may lose the last
/// commits on power loss or an OS crash, and an intent record must be on disk before Sentrely makes the AWS call it
/// announces (DESIGN.md invariant 3). The cost is one fsync per append.
/// </para>
/// <para>
/// Appends compute seq, prevHash and hash inside <c>BEGIN IMMEDIATE</c>, which takes SQLite's write lock before
/// reading the head, so several processes sharing the file (a CLI and a server) append one after another and never
/// fork the chain; the unique seq and prevHash columns would reject a fork even so. Within a process appends are
/// also serialised by a semaphore. Reads use their own pooled connections and stream rows.
/// </para>
/// <para>The folder is created with mode 0700 and the file with 0600: audit records name people, roles and resources.</para>
/// </remarks>
public sealed partial class SqliteAuditStore : IAuditStore, IAsyncDisposable
{
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _databasePath;
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly AuditSigner? _signer;
    private readonly SemaphoreSlim _appendLock = new(1, 1);
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="SqliteAuditStore"/> class; the file is created or migrated on first use.</summary>
    /// <param name="databasePath">The database file path (the folder is created when missing).</param>
    /// <param name="time">The clock, used to stamp records whose time is unset and schema migrations.</param>
    public SqliteAuditStore(string databasePath, TimeProvider time)
        : this(databasePath, time, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SqliteAuditStore"/> class that signs every appended record with <paramref name="signer"/>.</summary>
    /// <param name="databasePath">The database file path (the folder is created when missing).</param>
    /// <param name="time">The clock, used to stamp records whose time is unset and schema migrations.</param>
    /// <param name="signer">The operator's HMAC key, or null to write unsigned records; the key is never stored.</param>
    public SqliteAuditStore(string databasePath, TimeProvider time, AuditSigner? signer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(time);
        _databasePath = Path.GetFullPath(databasePath);
        _time = time;
        _signer = signer;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Gets or sets a cap on the database size in pages (SQLite <c>max_page_count</c>), applied to every connection; tests set it to inject a full-disk fault.</summary>
    internal long? MaxPageCount { get; set; }

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath => _databasePath;

    /// <inheritdoc />
    public async ValueTask<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _appendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await AppendAsync(connection, record, cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException)
            {
                // A connection opened while the file was unwritable stays read-only for life; pooled, it would keep
                // refusing after the operator fixed the store. Return it, then drop the pool so the next append opens afresh.
                await connection.CloseAsync().ConfigureAwait(false);
                SqliteConnection.ClearPool(connection);
                throw;
            }
        }
        finally
        {
            _appendLock.Release();
        }
    }

    private async Task<AuditRecord> AppendAsync(SqliteConnection connection, AuditRecord record, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        var head = await ReadHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var stamped = record.Time == default ? record with { Time = _time.GetUtcNow() } : record;
        var chained = AuditHashChain.Normalize(stamped) with
        {
            Seq = (head?.Seq ?? 0) + 1,
            PrevHash = head?.Hash ?? AuditHashChain.GenesisHash,
            Hash = "",
        };
        var hash = AuditHashChain.ComputeHash(chained);
        chained = chained with { Hash = hash, Hmac = _signer?.Sign(hash) };

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = SqliteAuditRows.InsertSql;
        SqliteAuditRows.AddParameters(insert, chained);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        // Not cancellable: once the row is written, committing is the only safe way out.
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return chained;
    }

    /// <inheritdoc />
    public async ValueTask<AuditHead?> GetHeadAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeadAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        if (_initialized)
        {
            // Pooled connections keep the file open; release this store's so the file can be moved or deleted.
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }

        // The semaphores are not disposed: an operation still running must be able to release them.
        return ValueTask.CompletedTask;
    }

    private static async Task<AuditHead?> ReadHeadAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditHead(reader.GetInt64(0), reader.GetString(1))
            : null;
    }

    /// <summary>Opens a connection to the initialised, migrated database (shared with <see cref="SqliteSessionRegistry"/>).</summary>
    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            if (MaxPageCount is { } pages)
            {
                pragma.CommandText += $" PRAGMA max_page_count = {pages.ToString(System.Globalization.CultureInfo.InvariantCulture)};";
            }

            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            // A connection that opened but failed its setup (an unwritable folder fails the WAL files) would go back
            // to the pool read-only and outlive the fault; drop it.
            await connection.DisposeAsync().ConfigureAwait(false);
            SqliteConnection.ClearPool(connection);
            throw;
        }
    }
}
