using Npgsql;

namespace Sentrely.Stores.Postgres;

/// <summary>One PostgreSQL database shared by every store of a <see cref="PostgresStore"/>: the pooled data source, migrated once on first use.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    // Advisory-lock keys (pg_advisory_xact_lock): one per serialised operation, shared by every replica.
    public const long MigrationLock = 0x53454E5452454C01;
    public const long AuditAppendLock = 0x53454E5452454C02;
    public const long LedgerLock = 0x53454E5452454C03;
    public const int ApprovalLockClass = 0x53454E04;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;
    private volatile bool _disposed;

    public PostgresDatabase(string connectionString, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(time);
        _dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).EnableArrays().Build();
        _time = time;
    }

    public TimeProvider Time => _time;

    /// <summary>Opens a pooled connection to the migrated database.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a connection without migrating (for the reachability probe).</summary>
    public async Task<NpgsqlConnection> OpenUnmigratedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the migrations now (idempotent; the store also does it on first use).</summary>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await PostgresSchema.MigrateAsync(connection, _time, cancellationToken).ConfigureAwait(false);
            }

            // A failure leaves _initialized false, so the next call tries again and fails again: closed, not silent.
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>Takes a transaction-scoped advisory lock.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long key, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
