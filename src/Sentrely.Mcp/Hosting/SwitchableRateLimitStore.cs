using Sentrely.Limits;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// The rate-limit buckets the tools and stages share: in the process until the runtime binds the store's (SQLite or
/// PostgreSQL, shared by every process and session on it), once, before the first call.
/// </summary>
internal sealed class SwitchableRateLimitStore(IRateLimitStore initial) : IRateLimitStore
{
    public IRateLimitStore Inner { get; set; } = initial;

    public ValueTask<RateLimitResult> TryTakeAsync(IReadOnlyList<RateLimitBucket> buckets, CancellationToken cancellationToken) => Inner.TryTakeAsync(buckets, cancellationToken);

    public ValueTask<int> AvailableAsync(RateLimitBucket bucket, CancellationToken cancellationToken) => Inner.AvailableAsync(bucket, cancellationToken);
}
