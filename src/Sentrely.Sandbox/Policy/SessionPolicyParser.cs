using System.Text.Json;

namespace Sentrely.Sandbox.Policy;

/// <summary>Parses a session policy; anything outside the supported subset is reported as malformed (fail closed).</summary>
internal static class SessionPolicyParser
{
    public static SessionPolicy? TryParse(string json, out string error)
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
                var statement = ParseStatement(item, out error);
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

    private static PolicyStatement? ParseStatement(JsonElement item, out string error)
    {
        error = string.Empty;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = "A statement is not an object.";
            return null;
        }

        bool? allow = null;
        IReadOnlyList<string>? actions = null, resources = null;
        var conditions = new List<PolicyCondition>();
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Sid":
                    break;
                case "Effect":
                    allow = property.Value.GetString() switch { "Allow" => true, "Deny" => false, _ => null };
                    break;
                case "Action":
                    actions = StringOrList(property.Value);
                    break;
                case "Resource":
                    resources = StringOrList(property.Value);
                    break;
                case "Condition" when ParseConditions(property.Value, conditions, out error):
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

        return new PolicyStatement(allow.Value, actions, resources, conditions);
    }

    private static bool ParseConditions(JsonElement element, List<PolicyCondition> conditions, out string error)
    {
        error = "Condition must map operators to objects of keys.";
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var op in element.EnumerateObject())
        {
            if (!PolicyCondition.SupportedOperators.Contains(op.Name) || op.Value.ValueKind != JsonValueKind.Object)
            {
                error = $"Condition operator '{op.Name}' is not supported by the test double.";
                return false;
            }

            foreach (var key in op.Value.EnumerateObject())
            {
                var values = StringOrList(key.Value);
                if (values is null)
                {
                    return false;
                }

                conditions.Add(new PolicyCondition(op.Name, key.Name, values));
            }
        }

        return true;
    }

    private static List<string>? StringOrList(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return [element.GetString()!];
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (var value in element.EnumerateArray())
                {
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
