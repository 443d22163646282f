using Sentrely.Approval;
using Sentrely.Audit;

namespace Sentrely.Mcp.Cli;

/// <summary>The lines of <c>approvals list</c>: a header line per request, then its summary indented.</summary>
internal static class ApprovalsText
{
    public static IEnumerable<string> Lines(IReadOnlyList<ApprovalRecord> requests, DateTimeOffset now, bool json)
    {
        if (!json && requests.Count == 0)
        {
            yield return "no pending approval requests";
        }

        foreach (var r in requests)
        {
            if (json)
            {
                yield return Json(r, now);
                continue;
            }

            yield return OperatorText.Escape($"{r.Id}  {State(r, now)}  {r.Tool}  for {r.Developer}/{r.Project} (session {r.SessionId})  via {r.Via}  expires {AuditTime.Format(r.Expires)}");
            foreach (var line in r.Summary.Split('\n'))
            {
                yield return "    " + OperatorText.Escape(line);
            }

            if (r.DecisionReason is { } reason)
            {
                yield return "    reviewer's reason: " + OperatorText.Escape(reason);
            }
        }
    }

    private static string State(ApprovalRecord r, DateTimeOffset now) =>
        r.Status != ApprovalStatus.Used && now >= r.Expires ? $"expired ({ApprovalReview.Describe(r)})" : ApprovalReview.Describe(r);

    private static string Json(ApprovalRecord r, DateTimeOffset now) => JsonObjects.ToText(w =>
    {
        w.WriteString("approvalId", r.Id);
        w.WriteString("status", r.Status.ToString().ToLowerInvariant());
        w.WriteBoolean("expired", r.Status != ApprovalStatus.Used && now >= r.Expires);
        w.WriteString("tool", r.Tool);
        w.WriteString("sessionId", r.SessionId);
        w.WriteString("developer", r.Developer);
        w.WriteString("project", r.Project);
        w.WriteString("via", r.Via);
        w.WritePropertyName("arguments");
        ApprovalJson.WriteArguments(w, r.Arguments);
        w.WriteStrings("resources", r.Resources);
        w.WriteStrings("ruleIds", r.RuleIds);
        w.WriteString("summary", r.Summary);
        w.WriteString("created", AuditTime.Format(r.Created));
        w.WriteString("expires", AuditTime.Format(r.Expires));
        w.WriteString("decidedBy", r.DecidedBy);
        w.WriteString("decided", r.Decided is { } d ? AuditTime.Format(d) : null);
        w.WriteString("reason", r.DecisionReason);
        w.WriteString("usedByCallId", r.UsedByCallId);
    });
}
