using System.Globalization;
using System.Text.Json;

namespace Sentrely.Iam;

/// <summary>
/// Writes an <see cref="IamPlan"/> in Terraform's JSON syntax (a <c>*.tf.json</c> file) with the same resources as
/// <see cref="CloudFormationTemplate"/>: roles, managed policies and their attachments, boundary, SNS topic and EventBridge rule.
/// </summary>
/// <remarks>
/// Terraform reads every JSON string as a template, so literal <c>${</c> and <c>%{</c> (IAM policy variables such as
/// <c>${aws:username}</c>) are written as <c>$${</c> and <c>%%{</c>; only the references this class writes stay live.
/// </remarks>
public static partial class TerraformJson
{
    private const string BrokerVariable = "broker_principal_arn";
    private const string AlertEmailVariable = "alert_email";
    private const string BoundaryName = "permissions_boundary";
    private const string TopicName = "alerts";
    private const string RuleName = "agent_activity";

    /// <summary>Writes the configuration as one JSON object.</summary>
    /// <param name="plan">The plan; it may not have both a generated boundary and a boundary ARN.</param>
    /// <param name="w">The writer, positioned for a value.</param>
    public static void Write(IamPlan plan, Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(w);
        IamPlanChecks.ThrowIfAmbiguousBoundary(plan);
        var names = IamRenderNames.TerraformNames(plan);
        w.WriteStartObject();
        w.WriteStartObject("terraform");
        w.WriteStartObject("required_providers");
        w.WriteStartObject("aws");
        w.WriteString("source", "hashicorp/aws");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("provider");
        w.WriteStartObject("aws");
        w.WriteString("region", Escape(plan.Region));
        w.WriteEndObject();
        w.WriteEndObject();
        WriteVariables(plan, w);
        w.WriteStartObject("resource");
        WriteRoles(plan, names, w);
        WritePolicies(plan, names, w);
        WriteAttachments(plan, names, w);
        WriteAlerts(plan, w);
        w.WriteEndObject();
        WriteOutputs(plan, names, w);
        w.WriteEndObject();
    }

    /// <summary>Returns the configuration as indented JSON text.</summary>
    /// <param name="plan">The plan.</param>
    public static string ToJson(IamPlan plan) => IamJsonText.Render(w => Write(plan, w), indented: true);

    private static void WriteVariables(IamPlan plan, Utf8JsonWriter w)
    {
        w.WriteStartObject("variable");
        w.WriteStartObject(BrokerVariable);
        w.WriteString("type", "string");
        w.WriteString("description", "ARN of the principal that runs Sentrely; the only principal the roles trust");
        w.WriteString("default", plan.Broker);
        w.WriteEndObject();
        w.WriteStartObject(AlertEmailVariable);
        w.WriteString("type", "string");
        w.WriteString("description", "E-mail address that receives alerts on sensitive actions by agent sessions");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRoles(IamPlan plan, IReadOnlyList<string> names, Utf8JsonWriter w)
    {
        w.WriteStartObject("aws_iam_role");
        for (var i = 0; i < plan.Roles.Count; i++)
        {
            var role = plan.Roles[i];
            w.WriteStartObject(names[i]);
            w.WriteString("name", Escape(role.RoleName));
            w.WriteString("path", Escape(role.RolePath));
            w.WriteString("description", Escape($"Sentrely role '{role.Key}': assumed by the broker for one tool call at a time"));
            w.WriteString("assume_role_policy", EscapedDocument(role.Trust, "${var." + BrokerVariable + "}").ToJson());
            w.WriteNumber("max_session_duration", 3600);
            if (plan.Boundary is not null)
            {
                w.WriteString("permissions_boundary", Reference("aws_iam_policy", BoundaryName, "arn"));
            }
            else if (plan.BoundaryArn is not null)
            {
                w.WriteString("permissions_boundary", Escape(plan.BoundaryArn));
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WritePolicies(IamPlan plan, IReadOnlyList<string> names, Utf8JsonWriter w)
    {
        w.WriteStartObject("aws_iam_policy");
        for (var i = 0; i < plan.Roles.Count; i++)
        {
            var role = plan.Roles[i];
            for (var n = 1; n <= role.Policies.Count; n++)
            {
                w.WriteStartObject(PolicyName(names[i], n));
                w.WriteString("name", Escape(role.RoleName + "-" + n.ToString(CultureInfo.InvariantCulture)));
                w.WriteString("path", Escape(role.RolePath));
                w.WriteString("description", Escape($"Sentrely: permissions of role '{role.Key}', part {n} of {role.Policies.Count}"));
                w.WriteString("policy", EscapedDocument(role.Policies[n - 1], null).ToJson());
                w.WriteEndObject();
            }
        }

        if (plan.Boundary is not null)
        {
            w.WriteStartObject(BoundaryName);
            w.WriteString("name_prefix", "sentrely-boundary-");
            w.WriteString("description", "Sentrely: permissions boundary of every Sentrely role");
            w.WriteString("policy", EscapedDocument(plan.Boundary, null).ToJson());
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteAttachments(IamPlan plan, IReadOnlyList<string> names, Utf8JsonWriter w)
    {
        if (plan.Roles.All(r => r.Policies.Count == 0))
        {
            return;
        }

        w.WriteStartObject("aws_iam_role_policy_attachment");
        for (var i = 0; i < plan.Roles.Count; i++)
        {
            for (var n = 1; n <= plan.Roles[i].Policies.Count; n++)
            {
                w.WriteStartObject(PolicyName(names[i], n));
                w.WriteString("role", Reference("aws_iam_role", names[i], "name"));
                w.WriteString("policy_arn", Reference("aws_iam_policy", PolicyName(names[i], n), "arn"));
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }

    private static void WriteOutputs(IamPlan plan, IReadOnlyList<string> names, Utf8JsonWriter w)
    {
        w.WriteStartObject("output");
        for (var i = 0; i < plan.Roles.Count; i++)
        {
            w.WriteStartObject("role_" + names[i] + "_arn");
            w.WriteString("description", Escape($"ARN of Sentrely role '{plan.Roles[i].Key}' (aws.roles.{plan.Roles[i].Key})"));
            w.WriteString("value", Reference("aws_iam_role", names[i], "arn"));
            w.WriteEndObject();
        }

        w.WriteStartObject("alert_topic_arn");
        w.WriteString("description", "ARN of the SNS topic that receives agent-activity alerts");
        w.WriteString("value", Reference("aws_sns_topic", TopicName, "arn"));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string PolicyName(string roleName, int number) => roleName + "_" + number.ToString(CultureInfo.InvariantCulture);

    private static string Reference(string type, string name, string attribute) => "${" + type + "." + name + "." + attribute + "}";
}
