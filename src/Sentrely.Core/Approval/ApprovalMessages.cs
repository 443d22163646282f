using System.Globalization;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Approval;

/// <summary>The words of the approval flow: what the human is asked, and what the agent is told when the call does not run.</summary>
internal static class ApprovalMessages
{
    /// <summary>Returns the in-session confirmation text.</summary>
    public static string Prompt(SessionContext session, ApprovalSummary summary) =>
        $"Sentrely: {session.Developer}'s agent asks to run `{summary.Tool}`. Approve this one call?\n{summary.ToText()}";

    /// <summary>Returns the refusal of a call whose request is pending; <paramref name="cliOptions"/> (such as <c> --sandbox</c>) completes the commands it names.</summary>
    public static ToolCallRejection Pending(ApprovalRecord request, IReadOnlyList<string> ruleIds, TimeSpan expiry, string cliOptions = "")
    {
        var who = request.Via == ApprovalVia.Reviewer
            ? $"a reviewer other than {request.Developer} runs"
            : "the developer (or a reviewer) runs";
        var window = Minutes(expiry);
        var reason = $"`{request.Tool}` needs approval ({RequirementOf(request)}). Approval request {request.Id} is pending: "
            + $"{who} `{WebhookPayload.ApproveCommand(request.Id)}{cliOptions}` (or `{WebhookPayload.DenyCommand(request.Id)}{cliOptions} --reason …`), "
            + $"then repeat exactly the same call, same arguments, within {window} of the approval. The approval covers this one call, once; "
            + $"the request expires at {request.Expires.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC.";
        return new ToolCallRejection(AuditDecisions.ApprovalPending, "ApprovalPending", reason) { RuleIds = ruleIds, ApprovalId = request.Id };
    }

    /// <summary>Returns the refusal of a call a reviewer denied.</summary>
    public static ToolCallRejection Rejected(ApprovalRecord request, IReadOnlyList<string> ruleIds)
    {
        var why = string.IsNullOrWhiteSpace(request.DecisionReason) ? "" : $": {request.DecisionReason}";
        var until = request.Expires.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        return new ToolCallRejection(
            AuditDecisions.Rejected,
            "ApprovalRejected",
            $"{request.DecidedBy} denied approval request {request.Id} for this exact call{why}. Do not retry it; the same call is refused until {until} UTC.")
            { RuleIds = ruleIds, ApprovalId = request.Id };
    }

    /// <summary>Returns the refusal of a call the developer declined (or dismissed) in the session.</summary>
    public static ToolCallRejection DeclinedInSession(string developer, PromptAnswer answer, IReadOnlyList<string> ruleIds)
    {
        var what = answer == PromptAnswer.Cancelled ? "dismissed the confirmation without approving" : "declined";
        return new ToolCallRejection(AuditDecisions.Rejected, "ApprovalRejected", $"{developer} {what} this call in the session, so it was not run.") { RuleIds = ruleIds };
    }

    /// <summary>Returns the progress message while a call waits for a reviewer.</summary>
    public static string Waiting(ApprovalRecord request, TimeSpan left) =>
        string.Create(CultureInfo.InvariantCulture, $"waiting for a reviewer: `{WebhookPayload.ApproveCommand(request.Id)}` ({Math.Max(0, (int)left.TotalSeconds)} s left)");

    private static string RequirementOf(ApprovalRecord request)
    {
        var line = request.Summary.Split('\n').FirstOrDefault(l => l.StartsWith("approval: ", StringComparison.Ordinal));
        return line is null ? "required" : line["approval: ".Length..];
    }

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.TotalSeconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} minute{(span.TotalMinutes == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} seconds");
}
