using Microsoft.AspNetCore.Http;
using Sentrely.Mcp.Cli;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.Stores;

namespace Sentrely.Mcp.Http;

/// <summary>
/// <c>GET /admin/v1/sessions</c> and <c>POST /admin/v1/sessions/kill|unkill {kind, target, reason}</c> (role admin). The
/// rule's author and the audit record's developer are the token's developer.
/// </summary>
internal sealed class AdminApiSessions(ISentrelyStore store, TimeProvider time)
{
    public async Task ListAsync(HttpContext context)
    {
        var sessions = await store.Sessions.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var kills = await store.Sessions.ListKillsAsync(context.RequestAborted).ConfigureAwait(false);
        await AdminApiJson.ListAsync(
            context,
            SessionsText.Lines(sessions, kills, SessionLifecycle.IsAlive, Environment.MachineName, json: true),
            SessionsText.Lines(sessions, kills, SessionLifecycle.IsAlive, Environment.MachineName, json: false)).ConfigureAwait(false);
    }

    public async Task ApplyAsync(HttpContext context, bool kill)
    {
        using var body = await AdminApiJson.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        KillTarget target;
        try
        {
            var kind = KillTarget.ParseKind(AdminApiJson.String(body, "kind") ?? "");
            var value = kind == KillTargetKind.All ? KillTarget.All.Value : AdminApiJson.String(body, "target") ?? "";
            target = new KillTarget(kind, value);
        }
        catch (FormatException)
        {
            await AdminApiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "kind must be session, developer, project or all").ConfigureAwait(false);
            return;
        }

        var reason = AdminApiJson.String(body, "reason") is { } r && !string.IsNullOrWhiteSpace(r) ? r.Trim() : null;
        if (target.Value.Length is 0 or > 256 || reason is { Length: > 500 })
        {
            await AdminApiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "target must be 1 to 256 characters and reason at most 500").ConfigureAwait(false);
            return;
        }

        var (by, _) = AdminApiJson.Caller(context);
        var now = time.GetUtcNow();
        reason ??= kill ? "stopped by an operator" : "resumed by an operator";
        var decision = kill ? AuditDecisions.Killed : AuditDecisions.Allow;
        var record = AdminApiJson.Record(
            context, time, Identifiers.NewCallId(), "outcome", SessionsCommand.AuditTool, [target.ToString()], decision,
            $"{(kill ? "kill" : "unkill")} {target} by {by}: {reason}", "ok", null, target.Kind == KillTargetKind.Session ? target.Value : null);
        if (kill)
        {
            // Audit first: a kill that is in force must be on the record (the record is what an incident review reads).
            await store.Audit.AppendAsync(record, context.RequestAborted).ConfigureAwait(false);
            await store.Sessions.KillAsync(new KillRule(target, reason, by, now), context.RequestAborted).ConfigureAwait(false);
            var known = target.Kind != KillTargetKind.Session
                || (await store.Sessions.ListAsync(context.RequestAborted).ConfigureAwait(false)).Any(s => s.SessionId == target.Value);
            await AdminApiJson.WriteAsync(context, StatusCodes.Status200OK, w =>
            {
                w.WriteString("message", $"killed {target}: its calls are refused from the next one on. Undo with `sentrely sessions unkill`.");
                w.WriteString("warning", known ? null : $"no session {target.Value} is registered in this store; the rule applies if it appears.");
            }).ConfigureAwait(false);
            return;
        }

        if (!await store.Sessions.UnkillAsync(target, context.RequestAborted).ConfigureAwait(false))
        {
            await AdminApiJson.ErrorAsync(context, StatusCodes.Status404NotFound, $"no kill rule targets {target}; `sentrely sessions list` shows the rules in force.").ConfigureAwait(false);
            return;
        }

        await store.Audit.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        await AdminApiJson.WriteAsync(context, StatusCodes.Status200OK, w => w.WriteString("message", $"unkilled {target}")).ConfigureAwait(false);
    }
}
