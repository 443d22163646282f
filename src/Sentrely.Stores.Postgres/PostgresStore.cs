using Npgsql;
using Sentrely.Approval;
using Sentrely.Audit;
using Sentrely.Auth;
using Sentrely.Limits;
using Sentrely.Sessions;
using Sentrely.Stores.Relational;

namespace Sentrely.Stores.Postgres;

/// <summary>
/// Everything in one PostgreSQL database, shared by several team-server replicas: one audit chain, one kill switch,
/// one approval queue, shared rate-limit buckets and one instance ledger. The schema is migrated on first use.
/// </summary>
public sealed class PostgresStore : ISentrelyStore
{
    private readonly PostgresDatabase _database;

    /// <summary>Initializes a new instance of the <see cref="PostgresStore"/> class; nothing connects until first use.</summary>
    /// <param name="connectionString">The Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="signer">Signs audit records, or null.</param>
    public PostgresStore(string connectionString, TimeProvider time, AuditSigner? signer = null)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The message of a parse failure may quote the string, password included: never pass it on.
            throw new ArgumentException("The PostgreSQL connection string is not valid (expected Host=…;Database=…;Username=…;Password=…).", nameof(connectionString));
        }

        _database = new PostgresDatabase(connectionString, time);
        Description = $"PostgreSQL {builder.Host}:{builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{builder.Database}";
        Audit = new PostgresAuditStore(_database, signer);
        Sessions = new PostgresSessionRegistry(_database);
        Approvals = new PostgresApprovalStore(_database);
        Tokens = new PostgresTokenStore(_database);
        var sql = new PostgresDialect(_database);
        RateLimits = new RelationalRateLimitStore(sql);
        Ledger = new RelationalInstanceLedger(sql);
    }

    /// <inheritdoc />
    public IAuditStore Audit { get; }

    /// <inheritdoc />
    public ISessionRegistry Sessions { get; }

    /// <inheritdoc />
    public IApprovalStore Approvals { get; }

    /// <inheritdoc />
    public ITokenStore Tokens { get; }

    /// <inheritdoc />
    public IRateLimitStore? RateLimits { get; }

    /// <inheritdoc />
    public IInstanceLedger? Ledger { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Applies the schema migrations now (idempotent; every store also does it on first use).</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    public Task MigrateAsync(CancellationToken cancellationToken) => _database.EnsureMigratedAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var connection = await _database.OpenUnmigratedAsync(cancellationToken).ConfigureAwait(false);
            using var command = new NpgsqlCommand("SELECT 1;", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
