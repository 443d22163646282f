using Microsoft.AspNetCore.Http;
using Sentrely.Approval;
using Sentrely.Configuration;
using Sentrely.Mcp.Cli;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.Stores;

namespace Sentrely.Mcp.Http;

/// <summary>
/// <c>GET /admin/v1/approvals</c> and <c>POST /admin/v1/approvals/{id}/approve|deny {reason}</c> (role reviewer). The
/// reviewer is the token's developer, so the self-approval rule of <c>via: reviewer</c> holds by authenticated identity.
/// </summary>
internal sealed class AdminApiApprovals(ISentrelyStore store, SentrelyConfig config, TimeProvider time)
{
    public async Task ListAsync(HttpContext context)
    {
        var all = string.Equals(context.Request.Query["all"], "true", StringComparison.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        var requests = await store.Approvals.ListAsync(all, now, context.RequestAborted).ConfigureAwait(false);
        await AdminApiJson.ListAsync(context, ApprovalsText.Lines(requests, now, json: true), ApprovalsText.Lines(requests, now, json: false)).ConfigureAwait(false);
    }

    public async Task DecideAsync(HttpContext context, bool approve)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        using var body = await AdminApiJson.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var reason = AdminApiJson.String(body, "reason") is { } r && !string.IsNullOrWhiteSpace(r) ? r.Trim() : null;
        if (reason is { Length: > 500 })
        {
            await AdminApiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "reason is longer than 500 characters: shorten it").ConfigureAwait(false);
            return;
        }

        var (developer, _) = AdminApiJson.Caller(context);
        var verb = approve ? "approve" : "deny";
        var decision = approve ? AuditDecisions.Approved : AuditDecisions.Rejected;
        var known = ApprovalReview.IsWellFormed(id) ? await store.Approvals.GetAsync(id, context.RequestAborted).ConfigureAwait(false) : null;
        IReadOnlyList<string> resources = [known?.Id ?? "apr_?", .. known?.Resources ?? []];
        var callId = Identifiers.NewCallId();

        // The intent is on the record before the decision takes effect: no approval without an audit trail.
        await store.Audit.AppendAsync(
            AdminApiJson.Record(context, time, callId, "intent", ApprovalsCommand.AuditTool, resources, decision, $"{verb} {known?.Id ?? "?"} by {developer}{(reason is null ? "" : $": {reason}")}", null, null),
            context.RequestAborted).ConfigureAwait(false);
        var result = await new ApprovalReview(store.Approvals, time)
            .DecideAsync(id, approve, developer, reason, config.Approvals.Expiry, context.RequestAborted).ConfigureAwait(false);
        var ok = result.Outcome == ReviewOutcome.Decided;
        await store.Audit.AppendAsync(
            AdminApiJson.Record(context, time, callId, "outcome", ApprovalsCommand.AuditTool, resources, decision, result.Message, ok ? "ok" : "error", ok ? null : result.Outcome.ToString()),
            CancellationToken.None).ConfigureAwait(false);
        var status = result.Outcome switch
        {
            ReviewOutcome.Decided => StatusCodes.Status200OK,
            ReviewOutcome.SelfApproval => StatusCodes.Status403Forbidden,
            ReviewOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };
        await AdminApiJson.WriteAsync(context, status, w =>
        {
            w.WriteString(ok ? "message" : "error", result.Message);
            w.WriteString("outcome", result.Outcome.ToString());
        }).ConfigureAwait(false);
    }
}
