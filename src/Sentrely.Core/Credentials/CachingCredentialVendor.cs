using System.Collections.Concurrent;

namespace Sentrely.Credentials;

/// <summary>
/// Reuses credentials for an identical scope — the same role, session policy, tags and source identity —
/// until five minutes before they expire (<c>reuse: per-scope</c>). Held in memory only, never persisted.
/// </summary>
public sealed class CachingCredentialVendor : ICredentialVendor
{
    /// <summary>Gets how long before expiry cached credentials stop being handed out.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly ICredentialVendor _inner;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ScopeKey, ScopedCredentials> _cache = new();

    /// <summary>Initializes a new instance of the <see cref="CachingCredentialVendor"/> class.</summary>
    /// <param name="inner">The vendor that calls STS.</param>
    /// <param name="time">The clock.</param>
    public CachingCredentialVendor(ICredentialVendor inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
    }

    /// <inheritdoc />
    public async ValueTask<ScopedCredentials> VendAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = new ScopeKey(request.RoleArn, request.SessionPolicy, string.Join('\n', request.Tags.Select(t => $"{t.Key}={t.Value}")), request.SourceIdentity);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expiration - RefreshMargin > now)
        {
            return cached;
        }

        var fresh = await _inner.VendAsync(request, cancellationToken).ConfigureAwait(false);
        _cache[key] = fresh;
        Evict(now);
        return fresh;
    }

    /// <summary>Discards every cached credential (used by the kill switch and on shutdown).</summary>
    public void Clear() => _cache.Clear();

    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, value) in _cache)
        {
            if (value.Expiration - RefreshMargin <= now)
            {
                _cache.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct ScopeKey(string RoleArn, string Policy, string Tags, string SourceIdentity);
}
