using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Sentrely.Iam;

/// <summary>
/// The EventBridge pattern for CloudTrail events of agent sessions doing something sensitive. Sessions are matched by
/// their issuing role: the trust policy admits only Sentrely's tagged sessions, so every session of these roles is
/// Sentrely's (CloudTrail events do not carry session tags). The alert works even if Sentrely is bypassed or buggy.
/// </summary>
internal static class AlertPattern
{
    /// <summary>Security-group changes and terminations, matched by event name.</summary>
    public static IReadOnlyList<string> SensitiveEvents { get; } =
    [
        "TerminateInstances", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress", "CreateSecurityGroup", "ModifySecurityGroupRules", "UpdateSecurityGroupRuleDescriptionsIngress",
        "UpdateSecurityGroupRuleDescriptionsEgress",
    ];

    public static AlertPlan For(IReadOnlyList<string> roleArns)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("detail-type");
            w.WriteStringValue("AWS API Call via CloudTrail");
            w.WriteEndArray();
            w.WriteStartObject("detail");
            w.WriteStartObject("userIdentity");
            w.WriteStartObject("sessionContext");
            w.WriteStartObject("sessionIssuer");
            w.WriteStartArray("arn");
            foreach (var arn in roleArns)
            {
                w.WriteStringValue(arn);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("$or");
            w.WriteStartObject();
            w.WriteStartArray("eventSource");
            w.WriteStringValue("iam.amazonaws.com");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteStartArray("eventName");
            w.WriteStartObject();
            w.WriteString("prefix", "Delete");
            w.WriteEndObject();
            foreach (var name in SensitiveEvents)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        var description = "CloudTrail API calls by sessions of the Sentrely roles that change IAM, delete anything (Delete*), "
            + "terminate instances or change security groups. IAM events are delivered in us-east-1 only: deploy the alert there too.";
        return new AlertPlan(Encoding.UTF8.GetString(buffer.WrittenSpan), description);
    }
}
