namespace Sentrely.Limits;

/// <summary>
/// Gets where rate-limit buckets live: in the store (the SQLite file or PostgreSQL), so a new process, session or
/// replica continues the same counts; in the process (<see cref="InMemoryRateLimitStore"/>) for tests and <c>policy explain</c>.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Takes one token from each of <paramref name="buckets"/>, all or nothing: when any bucket is empty no
    /// token is taken from any of them, so one limit's refusal never uses up another limit's budget.
    /// Implementations must make this atomic with respect to concurrent takes.
    /// </summary>
    /// <param name="buckets">The buckets, each with a distinct key.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>Allowed, or the empty buckets and when each will hold a token again.</returns>
    ValueTask<RateLimitResult> TryTakeAsync(IReadOnlyList<RateLimitBucket> buckets, CancellationToken cancellationToken);

    /// <summary>Returns how many whole tokens <paramref name="bucket"/> holds now, without taking any (for <c>list-permissions</c>).</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<int> AvailableAsync(RateLimitBucket bucket, CancellationToken cancellationToken);
}
