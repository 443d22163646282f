using System.CommandLine;
using Sentrely.Approval;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// <c>sentrely approvals list|approve|deny</c>: a reviewer's side of out-of-band approvals, through the store every server
/// reads. The reviewer is the local identity (<c>identity.developer</c>, else the OS user): in stdio mode that is a
/// convention, not authentication — see the README.
/// </summary>
internal static class ApprovalsCommand
{
    /// <summary>The tool name of approve and deny audit records.</summary>
    public const string AuditTool = "sentrely:approvals";

    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Include decided, used and expired requests" };
        var list = new Command("list", "List pending approval requests (newest first)") { all, SentrelyCli.JsonOption };
        list.SetAction((parse, ct) => AdminClient.OrLocalAsync(
            parse, c => c.ListAsync(parse.GetValue(all) ? "/approvals?all=true" : "/approvals", parse.GetValue(SentrelyCli.JsonOption), ct), () => ListAsync(parse, parse.GetValue(all), ct)));
        return new Command("approvals", "Review the calls waiting for a human: list, approve or deny them")
        {
            list,
            Decide("approve", approve: true),
            Decide("deny", approve: false),
            AdminClient.ServerOption,
            AdminClient.TokenOption,
        };
    }

    private static Command Decide(string name, bool approve)
    {
        var id = new Argument<string>("approval-id") { Description = "The approval id (apr_…) from the agent's refusal, a webhook or `approvals list`" };
        var reason = new Option<string?>("--reason") { Description = approve ? "Why (recorded in the audit log)" : "Why (shown to the agent and recorded in the audit log)" };
        var description = approve
            ? "Approve one call: the agent may repeat exactly that call once before the approval expires"
            : "Deny one call: the agent's repeated call is refused";
        var command = new Command(name, description) { id, reason };
        command.SetAction((parse, ct) => AdminClient.OrLocalAsync(
            parse,
            c => c.PostAsync($"/approvals/{Uri.EscapeDataString(parse.GetValue(id)!)}/{name}", w => w.WriteString("reason", parse.GetValue(reason)), ct),
            () => DecideAsync(parse, parse.GetValue(id)!, approve, parse.GetValue(reason), ct)));
        return command;
    }

    private static async Task<int> DecideAsync(ParseResult parse, string id, bool approve, string? reason, CancellationToken cancellationToken)
    {
        if (Load(parse) is not { } config)
        {
            return ExitCodes.UsageOrConfig;
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > 500 })
        {
            await Console.Error.WriteLineAsync("sentrely: --reason is longer than 500 characters: shorten it").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var audit = new OperatorAudit(config, parse.GetValue(SentrelyCli.SandboxOption));
        var verb = approve ? "approve" : "deny";
        var decision = approve ? AuditDecisions.Approved : AuditDecisions.Rejected;
        await using var store = CliStore.Open(config, parse.GetValue(SentrelyCli.SandboxOption));
        var approvals = store.Approvals;
        var known = ApprovalReview.IsWellFormed(id) ? await approvals.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        IReadOnlyList<string> resources = [known?.Id ?? "apr_?", .. known?.Resources ?? []];

        // The intent is on the record before the decision takes effect: no approval without an audit trail.
        await audit.AppendAsync(AuditTool, "intent", resources, $"{verb} {known?.Id ?? "?"} by {audit.Developer}{(reason is null ? "" : $": {reason}")}", null, null, cancellationToken, decision).ConfigureAwait(false);
        var result = await new ApprovalReview(approvals, TimeProvider.System)
            .DecideAsync(id, approve, audit.Developer, reason, config.Approvals.Expiry, cancellationToken).ConfigureAwait(false);
        var ok = result.Outcome == ReviewOutcome.Decided;
        await audit.AppendAsync(AuditTool, "outcome", resources, result.Message, ok ? "ok" : "error", ok ? null : result.Outcome.ToString(), CancellationToken.None, decision).ConfigureAwait(false);
        if (!ok)
        {
            await Console.Error.WriteLineAsync($"sentrely: {result.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await Console.Out.WriteLineAsync(result.Message).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(ParseResult parse, bool all, CancellationToken cancellationToken)
    {
        if (Load(parse) is not { } config)
        {
            return ExitCodes.UsageOrConfig;
        }

        await using var store = CliStore.Open(config, parse.GetValue(SentrelyCli.SandboxOption));
        var now = TimeProvider.System.GetUtcNow();
        var requests = await store.Approvals.ListAsync(all, now, cancellationToken).ConfigureAwait(false);
        foreach (var line in ApprovalsText.Lines(requests, now, parse.GetValue(SentrelyCli.JsonOption)))
        {
            await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static SentrelyConfig? Load(ParseResult parse) => CliConfiguration.Load(parse, new SentrelyTools().Catalog, required: false);
}
