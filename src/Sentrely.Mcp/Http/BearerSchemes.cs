using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Sentrely.Configuration;

namespace Sentrely.Mcp.Http;

/// <summary>
/// The team server's bearer authentication: Sentrely's own tokens, OIDC JWTs (<c>server.auth.jwt</c>), or both — then
/// the token's shape picks the handler (<c>sntl_…</c> is ours, anything else a JWT).
/// </summary>
internal static class BearerSchemes
{
    /// <summary>The scheme that forwards each request to the token or the JWT handler.</summary>
    public const string SchemeName = "SentrelyBearer";

    /// <summary>The OIDC JWT scheme.</summary>
    public const string JwtSchemeName = "SentrelyJwt";

    private const string TokenShape = "Bearer sntl_";

    /// <summary>Registers the token handler, the JWT handler when configured, and the scheme that chooses between them.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="auth">The <c>server.auth</c> section.</param>
    /// <param name="fileKeys">The keys of <c>jwksFile</c> (<see cref="LoadJwksFile"/>); null without one.</param>
    /// <param name="defaultProject">The project of JWTs without a project claim (<c>identity.project</c>).</param>
    /// <param name="time">The clock of the JWT lifetime check.</param>
    public static AuthenticationBuilder AddSentrelyBearer(
        this AuthenticationBuilder builder, ServerAuthConfig auth, IList<SecurityKey>? fileKeys, string? defaultProject, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(auth);
        builder.AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        if (auth.Jwt is { } jwt)
        {
            builder.AddJwtBearer(JwtSchemeName, o => Configure(o, jwt, fileKeys, defaultProject, time));
        }

        return builder.AddPolicyScheme(SchemeName, null, o => o.ForwardDefaultSelector = context => Select(context, auth));
    }

    /// <summary>
    /// Reads <c>server.auth.jwt.jwksFile</c> once, at start: returns its signing keys (null without a file), or why it
    /// cannot be used — a missing, malformed or keyless file stops the server rather than refusing every caller later.
    /// </summary>
    public static (IList<SecurityKey>? Keys, string? Problem) LoadJwksFile(ServerAuthConfig auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        if (auth.Jwt?.JwksFile is not { } file)
        {
            return (null, null);
        }

        try
        {
            var keys = new JsonWebKeySet(File.ReadAllText(file)).GetSigningKeys();
            return keys.Count == 0 ? (null, $"server.auth.jwt.jwksFile `{file}` holds no RSA or EC signing key") : (keys, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"server.auth.jwt.jwksFile `{file}` cannot be read: {ex.Message}");
        }
        catch (ArgumentException)
        {
            return (null, $"server.auth.jwt.jwksFile `{file}` is not a JWKS (a JSON object with a `keys` array)");
        }
    }

    private static string Select(HttpContext context, ServerAuthConfig auth)
    {
        if (auth.Jwt is null)
        {
            return TokenAuthenticationHandler.SchemeName;
        }

        var headers = context.Request.Headers.Authorization;
        return auth.Tokens && headers.Count == 1 && headers[0] is { } header && header.StartsWith(TokenShape, StringComparison.OrdinalIgnoreCase)
            ? TokenAuthenticationHandler.SchemeName
            : JwtSchemeName;
    }

    private static void Configure(JwtBearerOptions options, ServerJwtConfig jwt, IList<SecurityKey>? fileKeys, string? defaultProject, TimeProvider time)
    {
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.IncludeErrorDetails = false;
        options.TimeProvider = time;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            ClockSkew = TimeSpan.FromMinutes(1),
        };

        if (jwt.JwksFile is not null)
        {
            // Fail closed: without the file's keys (none loaded), no signature verifies.
            options.TokenValidationParameters.IssuerSigningKeys = fileKeys ?? [];
        }
        else if (jwt.JwksUri is { } uri)
        {
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                uri.AbsoluteUri, new JwksRetriever(jwt.Issuer), new HttpDocumentRetriever { RequireHttps = uri.Scheme == Uri.UriSchemeHttps });
        }

        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal is { } principal && JwtCaller.Principal(principal, jwt, defaultProject, JwtSchemeName) is { } caller)
                {
                    context.Principal = caller;
                }
                else
                {
                    context.Fail("the JWT names no developer");
                }

                return Task.CompletedTask;
            },
        };
    }
}
