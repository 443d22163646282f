using System.Text.Json;

namespace Sentrely.Iam;

/// <summary>The alert resources (SNS topic, subscription, topic policy, EventBridge rule and target) and string escaping.</summary>
public static partial class TerraformJson
{
    private static void WriteAlerts(IamPlan plan, Utf8JsonWriter w)
    {
        var topicArn = Reference("aws_sns_topic", TopicName, "arn");
        var ruleArn = Reference("aws_cloudwatch_event_rule", RuleName, "arn");
        w.WriteStartObject("aws_sns_topic");
        w.WriteStartObject(TopicName);
        w.WriteString("name_prefix", "sentrely-agent-activity-");
        w.WriteString("display_name", "Sentrely agent activity");
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("aws_sns_topic_subscription");
        w.WriteStartObject(TopicName + "_email");
        w.WriteString("topic_arn", topicArn);
        w.WriteString("protocol", "email");
        w.WriteString("endpoint", "${var." + AlertEmailVariable + "}");
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("aws_sns_topic_policy");
        w.WriteStartObject(TopicName);
        w.WriteString("arn", topicArn);
        var topicPolicy = IamJsonText.Render(
            p =>
            {
                p.WriteStartObject();
                p.WriteString("Version", "2012-10-17");
                p.WriteStartArray("Statement");
                p.WriteStartObject();
                p.WriteString("Sid", "AllowSentrelyAlertRule");
                p.WriteString("Effect", "Allow");
                p.WriteStartObject("Principal");
                p.WriteString("Service", "events.amazonaws.com");
                p.WriteEndObject();
                p.WriteString("Action", "sns:Publish");
                p.WriteString("Resource", topicArn);
                p.WriteStartObject("Condition");
                p.WriteStartObject("ArnEquals");
                p.WriteString("aws:SourceArn", ruleArn);
                p.WriteEndObject();
                p.WriteEndObject();
                p.WriteEndObject();
                p.WriteEndArray();
                p.WriteEndObject();
            },
            indented: false);
        w.WriteString("policy", topicPolicy);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("aws_cloudwatch_event_rule");
        w.WriteStartObject(RuleName);
        w.WriteString("name_prefix", "sentrely-agent-activity-");
        w.WriteString("description", Escape(plan.Alerts.Description.Length <= 512 ? plan.Alerts.Description : plan.Alerts.Description[..512]));
        w.WriteString("event_pattern", Escape(IamJsonText.Render(p => IamJsonText.WriteParsed(p, plan.Alerts.EventPattern), indented: false)));
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("aws_cloudwatch_event_target");
        w.WriteStartObject(RuleName);
        w.WriteString("rule", Reference("aws_cloudwatch_event_rule", RuleName, "name"));
        w.WriteString("target_id", "sentrely-alert-topic");
        w.WriteString("arn", topicArn);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // Terraform would evaluate "${aws:username}" itself; doubling the sigil leaves the text for IAM.
    private static string Escape(string literal) =>
        literal.Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);

    private static IamPolicyDocument EscapedDocument(IamPolicyDocument document, string? principalReference) =>
        new([.. document.Statements.Select(s => new IamStatement(
            s.Sid is null ? null : Escape(s.Sid),
            Escape(s.Effect),
            [.. s.Actions.Select(Escape)],
            [.. s.Resources.Select(Escape)],
            [.. s.Conditions.Select(c => new IamCondition(Escape(c.Operator), Escape(c.Key), [.. c.Values.Select(Escape)]))])
        {
            PrincipalAws = principalReference ?? (s.PrincipalAws is null ? null : Escape(s.PrincipalAws)),
        })]);
}
