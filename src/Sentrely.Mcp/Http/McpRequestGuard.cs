using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;
using Sentrely.Mcp.Tools;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Mcp.Http;

/// <summary>
/// What the team server checks at <c>/mcp</c> before the MCP SDK sees a request, and what it does when an MCP session
/// ends. A body over <c>server.limits.maxRequestBytes</c> is refused unparsed (JSON-RPC -32600, audited as a deny); a new
/// session beyond <c>server.limits.sessionsPerToken</c> gets HTTP 429. A session that ends — DELETE, idle expiry,
/// shutdown — gives its slot back and has its registry row marked ended.
/// </summary>
internal sealed partial class McpRequestGuard(McpSessions sessions, TokenQuotas quotas, IAuditStore audit, IdentityConfig identity, TimeProvider time, ILogger logger)
{
    // The HttpContext item that carries a session slot from the initialize request to the session it starts.
    private const string SessionSlot = "sentrely:session-slot";

    /// <summary>Returns the middleware for <c>/mcp</c>; it runs after authentication, so the caller is known.</summary>
    public Func<RequestDelegate, RequestDelegate> Middleware => next => async context =>
    {
        // Decided by the endpoint routing chose, not by the path's spelling: routing matches `/MCP` and `/Mcp` too.
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<McpEndpoint>() is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (await OversizedBody.RefuseAsync(context, quotas.Limits.MaxRequestBytes).ConfigureAwait(false) is { } refused)
        {
            await AuditAsync(context, refused).ConfigureAwait(false);
            return;
        }

        // A POST without a session id asks for a new session; the SDK refuses any that is not an initialize.
        if (!string.IsNullOrEmpty(context.Request.Headers["Mcp-Session-Id"]))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var key = TokenQuotas.KeyOf(context.User);
        if (!quotas.TryOpenSession(key))
        {
            await TooManySessionsAsync(context).ConfigureAwait(false);
            return;
        }

        context.Items[SessionSlot] = key;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            // Still here: no session started (a failed initialize), so the slot goes back now.
            if (context.Items.Remove(SessionSlot))
            {
                quotas.CloseSession(key);
            }
        }
    };

    /// <summary>Runs one MCP session (the SDK's session handler): the session owns its slot until it ends, however it ends.</summary>
    public async Task RunSessionAsync(HttpContext context, McpServer server, CancellationToken cancellationToken)
    {
        // Runs synchronously up to the first await, inside the initialize request: the slot moves from the request to the session.
        var key = TokenQuotas.KeyOf(context.User);
        var ownsSlot = context.Items.Remove(SessionSlot);
        try
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (ownsSlot)
            {
                quotas.CloseSession(key);
            }

            if (server.SessionId is { } id)
            {
                try
                {
                    await sessions.EndAsync(id).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    LogEndFailed(logger, ex);
                }
            }
        }
    }

    private Task TooManySessionsAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "60";
        return AdminApiJson.ErrorAsync(context, StatusCodes.Status429TooManyRequests,
            $"this token already holds {quotas.Limits.SessionsPerToken} MCP sessions on the team server (server.limits.sessionsPerToken): close one (HTTP DELETE /mcp) or wait until an idle one expires");
    }

    private async Task AuditAsync(HttpContext context, string reason)
    {
        var (developer, project) = SentrelyClaims.Identity(context.User) ?? (LocalIdentity.Developer(identity), identity.Project ?? "default");
        try
        {
            // Not cancellable: the refusal is recorded even when the client went away.
            await audit.AppendAsync(
                new AuditRecord
                {
                    Id = Identifiers.NewAuditRecordId(),
                    CallId = Identifiers.NewCallId(),
                    Time = AuditTime.Truncate(time.GetUtcNow()),
                    Phase = "outcome",
                    SessionId = sessions.SessionId,
                    Developer = developer,
                    Project = project,
                    Actor = "agent",
                    Transport = "http",
                    Tool = "mcp",
                    Decision = AuditDecisions.Deny,
                    Reason = reason,
                    Outcome = "error",
                    ErrorCode = "RequestTooLarge",
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The request is refused either way; failing to record it is an operator problem.
            LogAuditFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "An ended MCP session could not be marked ended in the registry")]
    private static partial void LogEndFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 123, Level = LogLevel.Critical, Message = "The audit store could not record a refused oversized request")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception);
}
