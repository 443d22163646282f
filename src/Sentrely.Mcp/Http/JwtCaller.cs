using System.Security.Claims;
using Sentrely.Auth;
using Sentrely.Configuration;
using Sentrely.Credentials;

namespace Sentrely.Mcp.Http;

/// <summary>
/// Turns the claims of a verified JWT into Sentrely's caller claims, by the names in <c>server.auth.jwt.claims</c>. The
/// developer is fitted to the STS SourceIdentity charset (as sessions do for every developer), the project to the tag charset.
/// </summary>
internal static class JwtCaller
{
    /// <summary>Returns the caller's principal, or null when the JWT names no developer.</summary>
    public static ClaimsPrincipal? Principal(ClaimsPrincipal jwt, ServerJwtConfig config, string? defaultProject, string scheme)
    {
        var raw = jwt.FindFirst(config.DeveloperClaim)?.Value;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var developer = StsNames.SourceIdentity(raw.Trim());
        var project = jwt.FindFirst(config.ProjectClaim)?.Value is { Length: > 0 } claimed ? StsNames.TagValue(claimed) : defaultProject ?? "";

        // Absent roles make an agent; roles that name none of ours grant nothing (fail closed).
        var listed = jwt.FindAll(config.RolesClaim).Select(c => c.Value).ToArray();
        var roles = listed.Length == 0 ? [CallerRoles.Agent] : CallerRoles.All.Where(r => listed.Contains(r, StringComparer.Ordinal)).ToArray();

        // Pinning the MCP session to issuer + subject keeps one JWT holder from reusing another's session.
        var subject = $"jwt:{config.Issuer}#{jwt.FindFirst("sub")?.Value ?? raw}";
        return SentrelyClaims.Principal(subject, developer, project, roles, scheme);
    }
}
