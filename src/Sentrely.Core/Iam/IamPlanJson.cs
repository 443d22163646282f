using System.Text.Json;

namespace Sentrely.Iam;

/// <summary>Writes an <see cref="IamPlan"/> as JSON (<c>sentrely iam plan --format json</c>): every document as a JSON object.</summary>
public static class IamPlanJson
{
    /// <summary>Writes the plan as one JSON object.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="w">The writer, positioned for a value.</param>
    public static void Write(IamPlan plan, Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("broker", plan.Broker);
        w.WriteString("partition", plan.Partition);
        w.WriteString("region", plan.Region);
        w.WriteString("accountId", plan.AccountId);
        w.WriteStartArray("roles");
        foreach (var role in plan.Roles)
        {
            WriteRole(role, w);
        }

        w.WriteEndArray();
        w.WritePropertyName("boundary");
        if (plan.Boundary is null)
        {
            w.WriteNullValue();
        }
        else
        {
            plan.Boundary.WriteTo(w);
        }

        w.WriteString("boundaryArn", plan.BoundaryArn);
        w.WriteStartObject("alerts");
        w.WritePropertyName("eventPattern");
        IamJsonText.WriteParsed(w, plan.Alerts.EventPattern);
        w.WriteString("description", plan.Alerts.Description);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Returns the plan as indented JSON text.</summary>
    /// <param name="plan">The plan.</param>
    public static string ToJson(IamPlan plan) => IamJsonText.Render(w => Write(plan, w), indented: true);

    private static void WriteRole(RolePlan role, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("key", role.Key);
        w.WriteString("roleArn", role.RoleArn);
        w.WriteString("roleName", role.RoleName);
        w.WriteString("rolePath", role.RolePath);
        w.WriteStartArray("policies");
        foreach (var policy in role.Policies)
        {
            policy.WriteTo(w);
        }

        w.WriteEndArray();
        w.WritePropertyName("trustPolicy");
        role.Trust.WriteTo(w);
        w.WriteStartArray("grants");
        foreach (var grant in role.Grants)
        {
            w.WriteStartObject();
            w.WriteString("tool", grant.Tool);
            w.WriteString("ruleId", grant.RuleId);
            w.WritePropertyName("statement");
            grant.Statement.WriteTo(w);
            WriteStrings(w, "notes", grant.Notes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "ungrantedTools", role.UngrantedTools);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
