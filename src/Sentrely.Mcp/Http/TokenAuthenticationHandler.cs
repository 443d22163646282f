using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentrely.Auth;

namespace Sentrely.Mcp.Http;

/// <summary>
/// Authenticates <c>Authorization: Bearer sntl_…</c> against the token store: unknown, expired, revoked or wrong-secret
/// tokens fail alike (the reason never reaches the caller, and the token never reaches a log). A store that cannot be
/// read fails closed.
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ITokenStore tokens, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SentrelyToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        const string bearer = "Bearer ";
        if (headers.Count > 1 || headers[0] is not { } header || !header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            || ApiTokenSecrets.Parse(header[bearer.Length..].Trim()) is not { } presented)
        {
            return AuthenticateResult.Fail("malformed bearer token");
        }

        ApiToken? token;
        try
        {
            token = await tokens.GetAsync(presented.Id, Context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AuthenticateResult.Fail("the token store cannot be read");
        }

        // Verify the secret even for inactive tokens so timing does not tell them apart.
        if (token is null || !ApiTokenSecrets.Verify(presented.Secret, token.SecretHash) || !token.IsActive(time.GetUtcNow()))
        {
            return AuthenticateResult.Fail("unknown, expired or revoked token");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(SentrelyClaims.Principal(token, SchemeName), SchemeName));
    }
}
