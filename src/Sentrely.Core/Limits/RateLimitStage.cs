using System.Globalization;
using Sentrely.Pipeline;

namespace Sentrely.Limits;

/// <summary>
/// Enforces <c>policy.rateLimits</c>: every limit whose tool globs match the call takes one token from its
/// bucket (per session, developer, project or globally), all or nothing. Runs last of the middle stages,
/// so only calls that go on to credential vending are counted; a call that vends no credentials
/// (<c>list-permissions</c>) is never counted, whatever the limit's globs say.
/// </summary>
public sealed class RateLimitStage : IToolCallStage
{
    /// <summary>The stable error code of a rate-limit refusal (the outcome's <c>errorCode</c>).</summary>
    public const string Code = "RateLimited";

    private readonly IRateLimitStore _store;

    /// <summary>Initializes a new instance of the <see cref="RateLimitStage"/> class.</summary>
    /// <param name="store">The buckets; one store per server process (or one shared database).</param>
    public RateLimitStage(IRateLimitStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public int Order => StageOrder.RateLimits;

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tool = context.Tool ?? throw new InvalidOperationException("the tool must be resolved before rate limits");
        if (context.CredentialRequest is null)
        {
            return null;
        }

        var limits = context.Configuration.Config.Policy.RateLimits.Where(l => l.AppliesTo(tool.Manifest.Name)).ToList();
        if (limits.Count == 0)
        {
            return null;
        }

        var session = context.Request.Session;
        var owners = limits.SelectMany(l => Buckets(l, session).Select(b => (Limit: l, Bucket: b))).ToList();
        var result = await _store.TryTakeAsync(owners.Select(o => o.Bucket).ToList(), cancellationToken).ConfigureAwait(false);
        if (result.IsAllowed)
        {
            return null;
        }

        // Nothing will be vended: the audit records of a refused call must not name a role session that never existed.
        context.CredentialRequest = null;
        var denied = result.Denials.Select(d => owners.First(o => o.Bucket == d.Bucket)).ToList();
        var refused = denied.Select(o => o.Limit).Distinct().ToList();
        var seconds = RetryAfterSeconds(result.RetryAfter);

        // A new session refused by its group's bucket is told why, not left wondering about a budget it never used.
        var shared = refused.Where(l => denied.All(o => o.Limit != l || o.Bucket.Key != Key(l, session))).ToHashSet();
        var across = session.TokenId is null ? $"of developer `{session.Developer}`" : "of this token";
        var which = string.Join("; ", refused.Select(l => $"rate limit `{l.Id}`: {l.Describe()}" + (shared.Contains(l) ? $" (used up by all sessions {across} together)" : "")));
        return new ToolCallRejection(AuditDecisions.RateLimited, Code, string.Create(CultureInfo.InvariantCulture, $"{which}; retry in {seconds} s"))
        {
            RuleIds = refused.Select(l => l.Id).ToList(),
            RetryAfterSeconds = seconds,
        };
    }

    /// <summary>Returns the bucket key of <paramref name="limit"/> for this call, for example <c>writes/session:sess_…</c>.</summary>
    /// <param name="limit">The limit.</param>
    /// <param name="context">The call.</param>
    /// <remarks>Unambiguous: limit ids contain no <c>/</c> and scope names (and <c>session-group</c>) no <c>:</c>.</remarks>
    public static string Key(RateLimitRule limit, ToolCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Key(limit, context.Request.Session);
    }

    /// <summary>Returns the bucket key of <paramref name="limit"/> for calls by <paramref name="session"/>.</summary>
    /// <param name="limit">The limit.</param>
    /// <param name="session">The calling session.</param>
    public static string Key(RateLimitRule limit, Sentrely.Sessions.SessionContext session)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(session);
        var value = limit.Per switch
        {
            RateLimitScope.Session => session.SessionId,
            RateLimitScope.Developer => session.Developer,
            RateLimitScope.Project => session.Project,
            RateLimitScope.Global => "",
            _ => throw new InvalidOperationException($"unknown rate-limit scope {limit.Per}"),
        };
        return $"{limit.Id}/{RateLimitRule.Name(limit.Per)}:{value}";
    }

    /// <summary>
    /// Returns the buckets a call by <paramref name="session"/> takes a token from for <paramref name="limit"/>: its own
    /// bucket, plus for a <c>per: session</c> limit a bucket of the same capacity shared by the session's
    /// <see cref="SessionGroup"/> (for example <c>writes/session-group:token:tok_…</c>), so a new session never brings a fresh budget.
    /// </summary>
    /// <param name="limit">The limit.</param>
    /// <param name="session">The calling session.</param>
    public static IReadOnlyList<RateLimitBucket> Buckets(RateLimitRule limit, Sentrely.Sessions.SessionContext session)
    {
        var own = new RateLimitBucket(Key(limit, session), limit.Count, limit.PeriodLength);
        return limit.Per == RateLimitScope.Session
            ? [own, own with { Key = $"{limit.Id}/session-group:{SessionGroup.Of(session)}" }]
            : [own];
    }

    private static int RetryAfterSeconds(TimeSpan wait) =>
        (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, int.MaxValue);
}
