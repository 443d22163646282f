using Sentrely.Iam;
using Sentrely.Sandbox.IamCheck;

namespace Sentrely.Mcp.Cli;

/// <summary>The lines of <c>iam check</c>: what is missing (tools that will fail), what is in excess, and a verdict.</summary>
internal static class IamCheckText
{
    public static IEnumerable<string> Lines(RolePolicyReport report, RolePlan role, bool json)
    {
        if (json)
        {
            foreach (var problem in report.Problems)
            {
                yield return JsonObjects.ToText(w => { w.WriteString("problem", problem); });
            }

            foreach (var m in report.Missing)
            {
                yield return JsonObjects.ToText(w =>
                {
                    w.WriteString("missing", m.Action);
                    w.WriteString("resource", m.Resource);
                    w.WriteString("tool", m.Tool);
                    w.WriteString("ruleId", m.RuleId);
                    w.WriteString("kind", m.Kind.ToString());
                    w.WriteString("reason", m.Reason);
                });
            }

            foreach (var e in report.Excess)
            {
                yield return JsonObjects.ToText(w =>
                {
                    w.WriteString("excess", e.Kind.ToString());
                    w.WriteString("statement", e.Statement);
                    w.WriteString("action", e.Action);
                    w.WriteString("resource", e.Resource);
                    w.WriteString("condition", e.Condition);
                    w.WriteString("reason", e.Reason);
                });
            }

            yield break;
        }

        foreach (var problem in report.Problems)
        {
            yield return $"✖ cannot read the policy: {problem}";
        }

        if (report.Problems.Count > 0)
        {
            yield break;
        }

        foreach (var m in report.Missing)
        {
            yield return $"✖ missing  {m.Action} on {m.Resource} — `{m.Tool}` will fail (rule `{m.RuleId}`): {m.Reason}";
        }

        foreach (var e in report.Excess)
        {
            yield return $"⚠ excess   statement {e.Statement}: {e.Reason}";
        }

        yield return report.IsExact
            ? $"ok: the policy allows exactly what the {role.Key} role's tools need ({role.Grants.Count} grants)"
            : $"{report.Missing.Count} missing, {report.Excess.Count} in excess. `sentrely iam plan --format json` shows the policy Sentrely needs for the {role.Key} role.";
    }
}
