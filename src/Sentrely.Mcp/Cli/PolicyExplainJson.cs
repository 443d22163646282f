using System.Text;
using System.Text.Json;
using Sentrely.Configuration;
using Sentrely.Policy;

namespace Sentrely.Mcp.Cli;

/// <summary>Writes a <see cref="PolicyExplanation"/> as one JSON object on one line, for machines.</summary>
internal static class PolicyExplainJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(PolicyExplanation e, SentrelyConfig config)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("tool", e.Tool);
            w.WriteString("developer", e.Session.Developer);
            w.WriteString("project", e.Session.Project);
            w.WriteString("verdict", e.Verdict);
            w.WriteString("reason", e.Reason);
            w.WriteString("code", e.Code);
            w.WriteStrings("ruleIds", e.RuleIds);
            w.WriteStrings("resources", e.Resources);
            w.WriteStrings("secondaryResources", e.SecondaryResources);
            w.WriteStartArray("rules");
            foreach (var t in e.Decision?.Trace ?? [])
            {
                w.WriteStartObject();
                w.WriteString("id", t.RuleId);
                w.WriteString("effect", t.Effect == PolicyEffect.Allow ? "allow" : "deny");
                w.WriteBoolean("matched", t.Matched);
                w.WriteString("explanation", t.Explanation);
                w.WriteString("source", config.Policy.Rules.FirstOrDefault(r => r.Id == t.RuleId)?.Source);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("obligations");
            foreach (var o in e.Obligations)
            {
                w.WriteStartObject();
                w.WriteString("kind", o.Kind);
                w.WriteString("description", o.Description);
                w.WriteStrings("ruleIds", o.RuleIds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (e.Credentials is { } sts)
            {
                w.WriteStartObject("assumeRole");
                w.WriteString("roleArn", sts.RoleArn);
                w.WriteString("roleSessionName", sts.RoleSessionName);
                w.WriteString("sourceIdentity", sts.SourceIdentity);
                w.WriteNumber("durationSeconds", sts.DurationSeconds);
                w.WriteStartObject("tags");
                foreach (var (key, value) in sts.Tags)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
                w.WriteString("sessionPolicy", sts.SessionPolicy);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("assumeRole");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
