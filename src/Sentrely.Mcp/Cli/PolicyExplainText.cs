using System.Globalization;
using System.Text;
using System.Text.Json;
using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Policy;

namespace Sentrely.Mcp.Cli;

/// <summary>Formats a <see cref="PolicyExplanation"/> for a person reviewing the policy.</summary>
internal static class PolicyExplainText
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(PolicyExplanation e, SentrelyConfig config)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"config:      {Display(config.SourcePath)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"call:        {OperatorText.Escape(e.Tool)} by developer `{OperatorText.Escape(e.Session.Developer)}` in project `{OperatorText.Escape(e.Session.Project)}`");
        sb.AppendLine(CultureInfo.InvariantCulture, $"decision:    {Verdict(e.Verdict)}{(e.Code is null || e.Verdict != ExplainVerdicts.Deny ? "" : $" ({e.Code})")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"reason:      {OperatorText.Escape(e.Reason)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"rule ids:    {(e.RuleIds.Count == 0 ? "(none)" : string.Join(", ", e.RuleIds))}");
        sb.AppendLine("resources:");
        AppendList(sb, e.Resources, "(none: the call was refused before its resources were known)");
        if (e.SecondaryResources.Count > 0)
        {
            sb.AppendLine("secondary resources (deny rules only):");
            AppendList(sb, e.SecondaryResources, "");
        }

        sb.AppendLine("rules:");
        if (e.Decision is not { } decision)
        {
            sb.AppendLine("  (not evaluated: the call was refused before the policy)");
        }
        else if (decision.Trace.Count == 0)
        {
            sb.AppendLine("  (the policy has no rules: everything is denied)");
        }
        else
        {
            var width = decision.Trace.Max(t => t.RuleId.Length);
            foreach (var t in decision.Trace)
            {
                var source = config.Policy.Rules.FirstOrDefault(r => r.Id == t.RuleId)?.Source ?? "";
                var line = source[(source.LastIndexOf(':') + 1)..];
                var effect = t.Effect == PolicyEffect.Allow ? "allow" : "deny ";
                var why = t.Matched ? "matched" : "failed: " + t.Explanation;
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {(t.Matched ? "✔" : "✖")} {t.RuleId.PadRight(width)}  {effect}  line {line,-4}  {why}");
            }
        }

        sb.AppendLine("obligations:");
        AppendList(sb, e.Obligations.Select(o => $"{o.Kind}: {o.Description}").ToArray(), e.Verdict == ExplainVerdicts.Deny ? "(none: the call is refused)" : "(none)");
        AppendSts(sb, e);

        // The tool name, the reason and the arguments come from the caller: no line of theirs may forge one of ours.
        return string.Join('\n', sb.ToString().Split('\n').Select(OperatorText.Escape));
    }

    private static void AppendSts(StringBuilder sb, PolicyExplanation e)
    {
        if (e.Credentials is not { } sts)
        {
            sb.AppendLine("sts:AssumeRole: (none: the call is refused, or the tool calls no AWS API)");
            return;
        }

        sb.AppendLine(e.Verdict == ExplainVerdicts.Approval ? "sts:AssumeRole (once approved):" : "sts:AssumeRole:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  roleArn:         {sts.RoleArn}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  roleSessionName: {sts.RoleSessionName}   (a real call: <session id>.<call id>, fresh per call)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  sourceIdentity:  {sts.SourceIdentity}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  durationSeconds: {sts.DurationSeconds}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  tags:            {string.Join(" ", sts.Tags.Select(t => $"{t.Key}={t.Value}"))}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  session policy ({sts.SessionPolicy.Length} of 2048 characters, exactly as sent):");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {sts.SessionPolicy}");
        sb.AppendLine("  session policy (pretty-printed):");
        foreach (var line in Indent(sts.SessionPolicy).Split('\n'))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
        }
    }

    private static string? Display(string? path)
    {
        var relative = path is null ? null : Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative is null || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static string Verdict(string verdict) => verdict switch
    {
        ExplainVerdicts.Allow => "ALLOW",
        ExplainVerdicts.Approval => "APPROVAL REQUIRED (the policy allows the call; it is refused until approved)",
        _ => "DENY",
    };

    private static void AppendList(StringBuilder sb, IReadOnlyList<string> items, string empty)
    {
        if (items.Count == 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {empty}");
        }

        foreach (var item in items)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {item}");
        }
    }

    private static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Pretty))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
