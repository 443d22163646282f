using System.Text.Json;

namespace Sentrely.Iam;

/// <summary>The alert resources of the template: SNS topic, its policy, and the EventBridge rule.</summary>
public static partial class CloudFormationTemplate
{
    private static void WriteAlerts(IamPlan plan, Utf8JsonWriter w)
    {
        w.WriteStartObject(TopicId);
        w.WriteString("Type", "AWS::SNS::Topic");
        w.WriteStartObject("Properties");
        w.WriteString("DisplayName", "Sentrely agent activity");
        w.WriteStartArray("Subscription");
        w.WriteStartObject();
        w.WriteString("Protocol", "email");
        w.WritePropertyName("Endpoint");
        WriteRef(w, AlertEmailParameter);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject(TopicPolicyId);
        w.WriteString("Type", "AWS::SNS::TopicPolicy");
        w.WriteStartObject("Properties");
        w.WriteStartArray("Topics");
        WriteRef(w, TopicId);
        w.WriteEndArray();
        w.WriteStartObject("PolicyDocument");
        w.WriteString("Version", "2012-10-17");
        w.WriteStartArray("Statement");
        w.WriteStartObject();
        w.WriteString("Sid", "AllowSentrelyAlertRule");
        w.WriteString("Effect", "Allow");
        w.WriteStartObject("Principal");
        w.WriteString("Service", "events.amazonaws.com");
        w.WriteEndObject();
        w.WriteString("Action", "sns:Publish");
        w.WritePropertyName("Resource");
        WriteRef(w, TopicId);
        w.WriteStartObject("Condition");
        w.WriteStartObject("ArnEquals");
        w.WritePropertyName("aws:SourceArn");
        WriteGetAtt(w, RuleId, "Arn");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject(RuleId);
        w.WriteString("Type", "AWS::Events::Rule");
        w.WriteStartObject("Properties");
        w.WriteString("Description", Truncate(plan.Alerts.Description, 512));
        w.WritePropertyName("EventPattern");
        IamJsonText.WriteParsed(w, plan.Alerts.EventPattern);
        w.WriteString("State", "ENABLED");
        w.WriteStartArray("Targets");
        w.WriteStartObject();
        w.WritePropertyName("Arn");
        WriteRef(w, TopicId);
        w.WriteString("Id", "SentrelyAlertTopic");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRef(Utf8JsonWriter w, string logicalId)
    {
        w.WriteStartObject();
        w.WriteString("Ref", logicalId);
        w.WriteEndObject();
    }

    private static void WriteGetAtt(Utf8JsonWriter w, string logicalId, string attribute)
    {
        w.WriteStartObject();
        w.WriteStartArray("Fn::GetAtt");
        w.WriteStringValue(logicalId);
        w.WriteStringValue(attribute);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
