using Sentrely.Approval;
using Sentrely.Audit;
using Sentrely.Auth;
using Sentrely.Limits;
using Sentrely.Sessions;
using Sentrely.Stores.Relational;

namespace Sentrely.Stores.Sqlite;

/// <summary>
/// Everything in one SQLite file: the default for stdio and a single HTTP replica. Rate-limit buckets and the instance
/// ledger are in the file too, so every process and session on it counts the same calls and instances.
/// </summary>
public sealed class SqliteStore : ISentrelyStore
{
    private readonly SqliteAuditStore _audit;

    /// <summary>Initializes a new instance of the <see cref="SqliteStore"/> class.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="time">The clock.</param>
    /// <param name="signer">Signs audit records, or null.</param>
    public SqliteStore(string path, TimeProvider time, AuditSigner? signer = null)
    {
        _audit = new SqliteAuditStore(path, time, signer);
        Sessions = new SqliteSessionRegistry(_audit);
        Approvals = new SqliteApprovalStore(_audit);
        Tokens = new SqliteTokenStore(_audit);
        var sql = new SqliteDialect(_audit, time);
        RateLimits = new RelationalRateLimitStore(sql);
        Ledger = new RelationalInstanceLedger(sql);
        Description = $"SQLite {path}";
    }

    /// <summary>Gets the audit store (for SQLite-specific operations such as fault injection in tests).</summary>
    public SqliteAuditStore File => _audit;

    /// <inheritdoc />
    public IAuditStore Audit => _audit;

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

    /// <inheritdoc />
    public async ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _audit.GetHeadAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _audit.DisposeAsync();
}
