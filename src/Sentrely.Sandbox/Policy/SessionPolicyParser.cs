using System.Text.Json;

namespace Sentrely.Sandbox.Policy;

/// <summary>
/// Parses a session policy; anything outside the supported subset is reported as malformed (fail closed).
/// The identity flavour (for <c>iam check</c>) also accepts NotAction, NotResource and condition operators the
/// evaluator cannot judge, which it keeps so the caller can name them.
/// </summary>
internal static class SessionPolicyParser
{
    public static SessionPolicy? TryParse(string json, out string error) => TryParse(json, identity: false, out error);

    /// <summary>Parses an identity (permission) policy exported from IAM.</summary>
    public static SessionPolicy? TryParseIdentity(string json, out string error) => TryParse(json, identity: true, out error);

    private static SessionPolicy? TryParse(string json, bool identity, out string error)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The policy is not a JSON object.";
                return null;
            }

            JsonElement? statementElement = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "Version" when property.Value.GetString() is "2012-10-17" or "2008-10-17":
                    case "Id":
                        break;
                    case "Statement":
                        statementElement = property.Value;
                        break;
                    default:
                        error = $"Unsupported or invalid policy element '{property.Name}'.";
                        return null;
                }
            }

            if (statementElement is not { } statements)
            {
                error = "The policy has no Statement.";
                return null;
            }

            var parsed = new List<PolicyStatement>();
            var items = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
            foreach (var item in items)
            {
                var statement = ParseStatement(item, identity, out error);
                if (statement is null)
                {
                    return null;
                }

                parsed.Add(statement);
            }

            error = string.Empty;
            return new SessionPolicy(parsed);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            error = "Syntax errors in policy.";
            return null;
        }
    }

    private static PolicyStatement? ParseStatement(JsonElement item, bool identity, out string error)
    {
        error = string.Empty;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = "A statement is not an object.";
            return null;
        }

        bool? allow = null;
        bool notAction = false, notResource = false;
        string? sid = null;
        IReadOnlyList<string>? actions = null, resources = null;
        var conditions = new List<PolicyCondition>();
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Sid":
                    sid = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "Effect":
                    allow = property.Value.GetString() switch { "Allow" => true, "Deny" => false, _ => null };
                    break;
                case "Action" or "NotAction" when actions is null && (identity || property.Name == "Action"):
                    actions = StringOrList(property.Value);
                    notAction = property.Name == "NotAction";
                    break;
                case "Resource" or "NotResource" when resources is null && (identity || property.Name == "Resource"):
                    resources = StringOrList(property.Value);
                    notResource = property.Name == "NotResource";
                    break;
                case "Condition" when ParseConditions(property.Value, identity, conditions, out error):
                    break;
                case "Condition":
                    return null;
                default:
                    error = $"Unsupported or invalid statement element '{property.Name}'.";
                    return null;
            }
        }

        if (allow is null || actions is null || resources is null)
        {
            error = "A statement needs Effect (Allow|Deny), Action and Resource.";
            return null;
        }

        return new PolicyStatement(allow.Value, actions, resources, conditions) { Sid = sid, NotAction = notAction, NotResource = notResource };
    }

    private static bool ParseConditions(JsonElement element, bool identity, List<PolicyCondition> conditions, out string error)
    {
        error = "Condition must map operators to objects of keys.";
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var op in element.EnumerateObject())
        {
            if ((!identity && !ConditionOperator.TryParse(op.Name, out _)) || op.Value.ValueKind != JsonValueKind.Object)
            {
                error = $"Condition operator '{op.Name}' is not supported by the test double.";
                return false;
            }

            foreach (var key in op.Value.EnumerateObject())
            {
                var values = StringOrList(key.Value, scalars: true);
                if (values is null)
                {
                    return false;
                }

                conditions.Add(new PolicyCondition(op.Name, key.Name, values));
            }
        }

        return true;
    }

    private static List<string>? StringOrList(JsonElement element, bool scalars = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return [element.GetString()!];
            case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number when scalars:
                // IAM accepts bare booleans and numbers as condition values.
                return [element.GetRawText()];
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (var value in element.EnumerateArray())
                {
                    if (scalars && value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number)
                    {
                        list.Add(value.GetRawText());
                        continue;
                    }

                    if (value.ValueKind != JsonValueKind.String)
                    {
                        return null;
                    }

                    list.Add(value.GetString()!);
                }

                return list.Count == 0 ? null : list;
            default:
                return null;
        }
    }
}
