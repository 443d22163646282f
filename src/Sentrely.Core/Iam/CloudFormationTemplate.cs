using System.Globalization;
using System.Text.Json;

namespace Sentrely.Iam;

/// <summary>
/// Writes an <see cref="IamPlan"/> as a CloudFormation template (JSON) that deploys as is: the roles with their managed
/// policies and trust policies, the optional permissions boundary, and the EventBridge rule that alerts an SNS topic.
/// </summary>
public static partial class CloudFormationTemplate
{
    /// <summary>The parameter that names the broker principal the trust policies allow.</summary>
    public const string BrokerParameter = "BrokerPrincipalArn";

    /// <summary>The parameter that names the e-mail address alerts go to.</summary>
    public const string AlertEmailParameter = "AlertEmail";

    /// <summary>The pattern a broker principal ARN must match (an IAM user, role or root, or an STS assumed-role session).</summary>
    public const string BrokerArnPattern = "^arn:aws[a-z-]*:(iam::[0-9]{12}:(root|user/.+|role/.+)|sts::[0-9]{12}:assumed-role/.+)$";

    private const string BoundaryId = "PermissionsBoundary";
    private const string TopicId = "AlertTopic";
    private const string TopicPolicyId = "AlertTopicPolicy";
    private const string RuleId = "AlertRule";

    /// <summary>Writes the template as one JSON object.</summary>
    /// <param name="plan">The plan; it may not have both a generated boundary and a boundary ARN.</param>
    /// <param name="w">The writer, positioned for a value.</param>
    public static void Write(IamPlan plan, Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(w);
        IamPlanChecks.ThrowIfAmbiguousBoundary(plan);
        var stems = IamRenderNames.CloudFormationStems(plan);
        ThrowIfIdsCollide(plan, stems);
        w.WriteStartObject();
        w.WriteString("AWSTemplateFormatVersion", "2010-09-09");
        w.WriteString("Description", "Sentrely: the roles Sentrely assumes per tool call, and an alert on sensitive actions by agent sessions. Deploy with --capabilities CAPABILITY_NAMED_IAM.");
        WriteParameters(plan, w);
        w.WriteStartObject("Resources");
        for (var i = 0; i < plan.Roles.Count; i++)
        {
            WriteRole(plan, plan.Roles[i], stems[i], w);
        }

        if (plan.Boundary is not null)
        {
            w.WriteStartObject(BoundaryId);
            w.WriteString("Type", "AWS::IAM::ManagedPolicy");
            w.WriteStartObject("Properties");
            w.WriteString("Description", "Sentrely: permissions boundary of every Sentrely role");
            w.WritePropertyName("PolicyDocument");
            plan.Boundary.WriteTo(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        WriteAlerts(plan, w);
        w.WriteEndObject();
        WriteOutputs(plan, stems, w);
        w.WriteEndObject();
    }

    /// <summary>Returns the template as indented JSON text.</summary>
    /// <param name="plan">The plan.</param>
    public static string ToJson(IamPlan plan) => IamJsonText.Render(w => Write(plan, w), indented: true);

    /// <summary>Returns the logical id of a role's n-th (1-based) managed policy.</summary>
    internal static string PolicyId(string roleStem, int number) => roleStem + "Policy" + number.ToString(CultureInfo.InvariantCulture);

    private static void WriteParameters(IamPlan plan, Utf8JsonWriter w)
    {
        w.WriteStartObject("Parameters");
        w.WriteStartObject(BrokerParameter);
        w.WriteString("Type", "String");
        w.WriteString("Default", plan.Broker);
        w.WriteString("AllowedPattern", BrokerArnPattern);
        w.WriteString("Description", "ARN of the principal that runs Sentrely; the only principal the roles trust");
        w.WriteEndObject();
        w.WriteStartObject(AlertEmailParameter);
        w.WriteString("Type", "String");
        w.WriteString("Description", "E-mail address that receives alerts on sensitive actions by agent sessions");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRole(IamPlan plan, RolePlan role, string stem, Utf8JsonWriter w)
    {
        w.WriteStartObject(stem);
        w.WriteString("Type", "AWS::IAM::Role");
        w.WriteStartObject("Properties");
        w.WriteString("RoleName", role.RoleName);
        w.WriteString("Path", role.RolePath);
        w.WriteString("Description", $"Sentrely role '{role.Key}': assumed by the broker for one tool call at a time");
        w.WriteNumber("MaxSessionDuration", 3600);
        w.WritePropertyName("AssumeRolePolicyDocument");
        WriteTrust(role.Trust, w);
        w.WriteStartArray("ManagedPolicyArns");
        for (var n = 1; n <= role.Policies.Count; n++)
        {
            WriteRef(w, PolicyId(stem, n));
        }

        w.WriteEndArray();
        if (plan.Boundary is not null)
        {
            w.WritePropertyName("PermissionsBoundary");
            WriteRef(w, BoundaryId);
        }
        else if (plan.BoundaryArn is not null)
        {
            w.WriteString("PermissionsBoundary", plan.BoundaryArn);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        for (var n = 1; n <= role.Policies.Count; n++)
        {
            w.WriteStartObject(PolicyId(stem, n));
            w.WriteString("Type", "AWS::IAM::ManagedPolicy");
            w.WriteStartObject("Properties");
            w.WriteString("ManagedPolicyName", role.RoleName + "-" + n.ToString(CultureInfo.InvariantCulture));
            w.WriteString("Path", role.RolePath);
            w.WriteString("Description", $"Sentrely: permissions of role '{role.Key}', part {n} of {role.Policies.Count}");
            w.WritePropertyName("PolicyDocument");
            role.Policies[n - 1].WriteTo(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    // The trust policy names the broker through the parameter, so the same template serves another broker.
    private static void WriteTrust(IamPolicyDocument trust, Utf8JsonWriter w)
    {
        using var document = IamJsonText.TrustWithPrincipal(trust, BrokerParameter);
        w.WriteStartObject();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!property.NameEquals("Statement"))
            {
                property.WriteTo(w);
                continue;
            }

            w.WriteStartArray("Statement");
            foreach (var statement in property.Value.EnumerateArray())
            {
                w.WriteStartObject();
                foreach (var field in statement.EnumerateObject())
                {
                    if (field.NameEquals("Principal"))
                    {
                        w.WriteStartObject("Principal");
                        w.WritePropertyName("AWS");
                        WriteRef(w, BrokerParameter);
                        w.WriteEndObject();
                    }
                    else
                    {
                        field.WriteTo(w);
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteOutputs(IamPlan plan, IReadOnlyList<string> stems, Utf8JsonWriter w)
    {
        w.WriteStartObject("Outputs");
        for (var i = 0; i < plan.Roles.Count; i++)
        {
            w.WriteStartObject(stems[i] + "Arn");
            w.WriteString("Description", $"ARN of Sentrely role '{plan.Roles[i].Key}' (aws.roles.{plan.Roles[i].Key})");
            w.WritePropertyName("Value");
            WriteGetAtt(w, stems[i], "Arn");
            w.WriteEndObject();
        }

        w.WriteStartObject(TopicId + "Arn");
        w.WriteString("Description", "ARN of the SNS topic that receives agent-activity alerts");
        w.WritePropertyName("Value");
        WriteRef(w, TopicId);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // Derived ids ("RoleRead" + "Policy1") could equal another role's stem ("read-policy1"): refuse rather than merge.
    private static void ThrowIfIdsCollide(IamPlan plan, IReadOnlyList<string> stems)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { BoundaryId, TopicId, TopicPolicyId, RuleId, TopicId + "Arn" };
        for (var i = 0; i < stems.Count; i++)
        {
            var derived = Enumerable.Range(1, plan.Roles[i].Policies.Count).Select(n => PolicyId(stems[i], n)).Append(stems[i]).Append(stems[i] + "Arn");
            foreach (var id in derived)
            {
                if (!ids.Add(id))
                {
                    throw new InvalidOperationException($"Role key '{plan.Roles[i].Key}' yields the CloudFormation logical id '{id}', which another role or resource already uses; rename the role key in aws.roles.");
                }
            }
        }
    }
}
