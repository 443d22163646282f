namespace Sentrely.Configuration;

/// <summary>Gets the <c>server.auth</c> section.</summary>
public sealed record ServerAuthConfig
{
    /// <summary>Gets whether Sentrely's own bearer tokens (<c>sentrely tokens create</c>) are accepted; true unless turned off.</summary>
    public bool Tokens { get; init; } = true;

    /// <summary>Gets the OIDC JWTs accepted besides (or instead of) Sentrely's tokens; null when none are.</summary>
    public ServerJwtConfig? Jwt { get; init; }
}
