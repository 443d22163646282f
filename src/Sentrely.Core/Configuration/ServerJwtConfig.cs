namespace Sentrely.Configuration;

/// <summary>Gets the <c>server.auth.jwt</c> section: OIDC JWTs the team server accepts as bearer tokens.</summary>
public sealed record ServerJwtConfig
{
    /// <summary>Gets the issuer every JWT's <c>iss</c> must equal; published as the authorization server in the RFC 9728 metadata.</summary>
    public required string Issuer { get; init; }

    /// <summary>Gets the audience a JWT's <c>aud</c> must contain.</summary>
    public required string Audience { get; init; }

    /// <summary>Gets the URL of the issuer's JWKS (https, or http on loopback); null when <see cref="JwksFile"/> is set.</summary>
    public Uri? JwksUri { get; init; }

    /// <summary>Gets the absolute path of a JWKS file; null when <see cref="JwksUri"/> is set.</summary>
    public string? JwksFile { get; init; }

    /// <summary>Gets the claim that names the developer (the session's SourceIdentity); a JWT without it is refused.</summary>
    public string DeveloperClaim { get; init; } = "sub";

    /// <summary>Gets the claim that names the project; without it the session takes <c>identity.project</c>.</summary>
    public string ProjectClaim { get; init; } = "project";

    /// <summary>Gets the claim (a string or an array) that lists the caller's roles; without it the caller is an <c>agent</c>.</summary>
    public string RolesClaim { get; init; } = "roles";
}
