using Sentrely.Approval;
using Sentrely.Audit;
using Sentrely.Auth;
using Sentrely.Limits;
using Sentrely.Sessions;

namespace Sentrely.Stores;

/// <summary>
/// Everything Sentrely keeps, from one backend: SQLite (one file, one host) or PostgreSQL (shared by several replicas,
/// so they enforce one rate limit, one kill switch, one approval queue and write one audit chain).
/// </summary>
public interface ISentrelyStore : IAsyncDisposable
{
    /// <summary>Gets the audit log.</summary>
    IAuditStore Audit { get; }

    /// <summary>Gets the session registry and kill rules.</summary>
    ISessionRegistry Sessions { get; }

    /// <summary>Gets the approval requests.</summary>
    IApprovalStore Approvals { get; }

    /// <summary>Gets the team-server tokens.</summary>
    ITokenStore Tokens { get; }

    /// <summary>Gets the rate-limit buckets every process, session and replica on this store shares, or null to keep them in the process.</summary>
    IRateLimitStore? RateLimits { get; }

    /// <summary>Gets the ledger of launched instances every process, session and replica on this store shares, or null to keep it in the process.</summary>
    IInstanceLedger? Ledger { get; }

    /// <summary>Gets where the store is, for logs and <c>doctor</c>; never a password.</summary>
    string Description { get; }

    /// <summary>Returns whether the store answers now (for <c>/readyz</c>).</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken);
}
