namespace Sentrely.Auth;

/// <summary>Keeps team-server tokens (hashes only). Implementations throw when the store cannot be read or written: callers refuse then.</summary>
public interface ITokenStore
{
    /// <summary>Stores a new token.</summary>
    /// <param name="token">The token record.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask CreateAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>Returns the token with this id, or null.</summary>
    /// <param name="id">The token id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ApiToken?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Returns every token, newest first.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Marks the token revoked at <paramref name="time"/>; false when it does not exist or is already revoked.</summary>
    /// <param name="id">The token id.</param>
    /// <param name="time">The revocation time.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<bool> RevokeAsync(string id, DateTimeOffset time, CancellationToken cancellationToken);
}
