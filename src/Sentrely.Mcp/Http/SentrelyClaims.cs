using System.Security.Claims;
using Sentrely.Auth;

namespace Sentrely.Mcp.Http;

/// <summary>The claims an authenticated team-server caller carries: everything its token says, nothing the caller chose.</summary>
internal static class SentrelyClaims
{
    public const string Developer = "sentrely:developer";
    public const string Project = "sentrely:project";
    public const string TokenId = "sentrely:token";
    public const string Tool = "sentrely:tool";
    public const string ToolScoped = "sentrely:tools-scoped";

    /// <summary>Returns the principal of a verified token; its name identifier pins the MCP session to the token.</summary>
    public static ClaimsPrincipal Principal(ApiToken token, string scheme)
    {
        ArgumentNullException.ThrowIfNull(token);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.Id),
            new(ClaimTypes.Name, token.Developer),
            new(TokenId, token.Id),
            new(Developer, token.Developer),
            new(Project, token.Project),
        };
        claims.AddRange(token.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (token.Tools is { } tools)
        {
            claims.Add(new Claim(ToolScoped, "true"));
            claims.AddRange(tools.Select(t => new Claim(Tool, t)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Returns the principal of a verified OIDC JWT: the same claims a token gives, with no tool scope. Its token id is
    /// <c>jwt:</c> + developer; its name identifier pins the MCP session to the JWT's issuer and subject.
    /// </summary>
    public static ClaimsPrincipal Principal(string subject, string developer, string project, IEnumerable<string> roles, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, subject),
            new(ClaimTypes.Name, developer),
            new(TokenId, "jwt:" + developer),
            new(Developer, developer),
            new(Project, project),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Returns the developer and project of an authenticated caller; null for none (stdio, <c>--insecure-no-auth</c>).</summary>
    public static (string Developer, string Project)? Identity(ClaimsPrincipal? user) =>
        user?.FindFirst(TokenId) is not null && user.FindFirst(Developer)?.Value is { } developer && user.FindFirst(Project)?.Value is { } project
            ? (developer, project)
            : null;

    /// <summary>Returns what the caller's token allows; null for an unauthenticated caller.</summary>
    public static CallerScope? Scope(ClaimsPrincipal? user) =>
        user?.FindFirst(TokenId)?.Value is not { } id
            ? null
            : new CallerScope(id, user.HasClaim(c => c.Type == ToolScoped) ? user.FindAll(Tool).Select(c => c.Value).ToArray() : null);
}
