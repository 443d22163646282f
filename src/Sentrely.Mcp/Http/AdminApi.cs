using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sentrely.Auth;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;

namespace Sentrely.Mcp.Http;

/// <summary>
/// The authenticated admin API under <c>/admin/v1/</c>: reviewers decide approvals, admins see and kill sessions and read
/// and verify the audit log. Every endpoint needs an authenticated caller (also under <c>--insecure-no-auth</c>) with the
/// endpoint's role and the developer and project claims; the acting identity is always the token's, never one the caller names.
/// </summary>
internal static class AdminApi
{
    /// <summary>The path prefix of the admin API.</summary>
    public const string Prefix = "/admin/v1";

    /// <summary>Maps the admin endpoints onto <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, SentrelyRuntime runtime, SentrelyConfig config, TimeProvider time)
    {
        var reviewer = Role(CallerRoles.Reviewer);
        var admin = Role(CallerRoles.Admin);
        var approvals = new AdminApiApprovals(runtime.Store, config, time);
        var sessions = new AdminApiSessions(runtime.Store, time);
        var audit = new AdminApiAudit(runtime.Store, SentrelyRuntime.ReadAuditSigner());

        app.MapGet(Prefix + "/approvals", new RequestDelegate(approvals.ListAsync)).RequireAuthorization(reviewer);
        app.MapPost(Prefix + "/approvals/{id}/approve", new RequestDelegate(c => approvals.DecideAsync(c, approve: true))).RequireAuthorization(reviewer);
        app.MapPost(Prefix + "/approvals/{id}/deny", new RequestDelegate(c => approvals.DecideAsync(c, approve: false))).RequireAuthorization(reviewer);
        app.MapGet(Prefix + "/sessions", new RequestDelegate(sessions.ListAsync)).RequireAuthorization(admin);
        app.MapPost(Prefix + "/sessions/kill", new RequestDelegate(c => sessions.ApplyAsync(c, kill: true))).RequireAuthorization(admin);
        app.MapPost(Prefix + "/sessions/unkill", new RequestDelegate(c => sessions.ApplyAsync(c, kill: false))).RequireAuthorization(admin);
        app.MapGet(Prefix + "/audit", new RequestDelegate(audit.QueryAsync)).RequireAuthorization(admin);
        app.MapGet(Prefix + "/audit/verify", new RequestDelegate(audit.VerifyAsync)).RequireAuthorization(admin);

        // Anything else under the prefix is still authenticated first, so the API's shape is not probed anonymously.
        app.Map(Prefix + "/{**rest}", new RequestDelegate(c => AdminApiJson.ErrorAsync(c, StatusCodes.Status404NotFound, "no such admin endpoint")))
            .RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    private static AuthorizationPolicy Role(string role) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser().RequireClaim(SentrelyClaims.Developer).RequireClaim(SentrelyClaims.Project).RequireRole(role).Build();
}
