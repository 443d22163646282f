using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sentrely.Audit;
using Sentrely.Stores;

namespace Sentrely.Mcp.Http;

/// <summary>
/// <c>GET /admin/v1/audit?session&amp;tool&amp;decision&amp;since&amp;until&amp;limit&amp;tail</c> (records as the export's JSON lines)
/// and <c>GET /admin/v1/audit/verify[?head=SEQ:HASH]</c> (role admin). Verification uses the server's audit key, if set.
/// </summary>
internal sealed class AdminApiAudit(ISentrelyStore store, AuditSigner? signer)
{
    public async Task QueryAsync(HttpContext context)
    {
        var q = context.Request.Query;
        int? limit = null;
        if (q["limit"].ToString() is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1)
            {
                await AdminApiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "limit must be a positive integer").ConfigureAwait(false);
                return;
            }

            limit = n;
        }

        if (!TryTime(q["since"], out var since) || !TryTime(q["until"], out var until))
        {
            await AdminApiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "since and until take ISO 8601 times such as 2026-11-27T10:00:00Z").ConfigureAwait(false);
            return;
        }

        var query = new AuditQuery
        {
            SessionId = Optional(q["session"]),
            Tool = Optional(q["tool"]),
            Decision = Optional(q["decision"]),
            Since = since,
            Until = until,
            Limit = limit,
            Tail = string.Equals(q["tail"], "true", StringComparison.OrdinalIgnoreCase),
        };
        context.Response.ContentType = "application/x-ndjson; charset=utf-8";
        await foreach (var record in store.Audit.ReadAsync(query, context.RequestAborted).ConfigureAwait(false))
        {
            await context.Response.WriteAsync(AuditJson.ToJsonLine(record) + "\n", context.RequestAborted).ConfigureAwait(false);
        }
    }

    public async Task VerifyAsync(HttpContext context)
    {
        AuditHead? head = null;
        if (context.Request.Query["head"].ToString() is { Length: > 0 } expected)
        {
            var parts = expected.Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || parts[1].Length != 64)
            {
                await AdminApiJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "head takes SEQ:HASH as printed by `sentrely audit head`").ConfigureAwait(false);
                return;
            }

            head = new AuditHead(seq, parts[1]);
        }

        var result = await AuditVerifier.VerifyAsync(store.Audit.ReadAsync(new AuditQuery(), context.RequestAborted), head, signer, context.RequestAborted).ConfigureAwait(false);
        var signatures = result.SignaturesChecked
            ? "every record signed by the server's key"
            : $"signatures were not checked ({AuditSigner.KeyVariable} is not set on the server)";
        var message = result.Ok
            ? string.Create(CultureInfo.InvariantCulture, $"ok: {result.Checked} records, chain intact, {signatures}, head {result.Head?.ToString() ?? "(empty)"}")
            : $"TAMPERED: {result.Problem}";
        await AdminApiJson.WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteBoolean("ok", result.Ok);
            w.WriteNumber("checked", result.Checked);
            w.WriteBoolean("signaturesChecked", result.SignaturesChecked);
            w.WriteString("head", result.Head?.ToString());
            w.WriteString("problem", result.Problem);
            w.WriteString("message", message);
        }).ConfigureAwait(false);
    }

    private static string? Optional(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return false;
        }

        time = t;
        return true;
    }
}
