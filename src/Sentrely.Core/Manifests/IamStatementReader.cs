using System.Text.RegularExpressions;
using Sentrely.Configuration;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Manifests;

/// <summary>Reads a manifest's <c>iam</c> list: exact actions (no wildcards), resource templates and conditions.</summary>
internal static partial class IamStatementReader
{
    private static readonly string[] StatementKeys = ["actions", "resources", "conditions"];
    private static readonly string[] ConditionKeys = ["operator", "key", "values"];
    private static readonly string[] Operators =
    [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringLike", "StringNotLike",
        "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
        "NumericEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "Bool",
    ];

    public static IReadOnlyList<IamStatementTemplate> ReadAll(YamlNodeReader reader, YamlNode node)
    {
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            reader.Error(node, "iam", node is YamlSequenceNode ? ConfigErrorCodes.MissingKey : ConfigErrorCodes.WrongType,
                "expected a non-empty list of statements `{ actions, resources, conditions? }`; a tool that calls no AWS API omits `iam` and `role`");
            return [];
        }

        var statements = new List<IamStatementTemplate>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (Read(reader, sequence.Children[i], FieldPath.Index("iam", i)) is { } statement)
            {
                statements.Add(statement);
            }
        }

        return statements;
    }

    private static IamStatementTemplate? Read(YamlNodeReader reader, YamlNode node, string field)
    {
        if (reader.Mapping(node, field, StatementKeys) is not { } map)
        {
            return null;
        }

        var actionsField = FieldPath.Child(field, "actions");
        var actions = map.TryGetValue("actions", out var a) ? reader.StringList(a, actionsField, allowEmpty: false) : null;
        if (a is null)
        {
            reader.Error(node, actionsField, ConfigErrorCodes.MissingKey, "`actions` is required");
        }

        for (var i = 0; i < (actions?.Count ?? 0); i++)
        {
            if (!Action().IsMatch(actions![i].Value))
            {
                reader.Error(actions[i].Node, FieldPath.Index(actionsField, i), ConfigErrorCodes.InvalidIam,
                    $"`{actions[i].Value}` is not an exact IAM action: write `service:Action` without wildcards, for example `s3:PutObject`");
            }
        }

        var resourcesField = FieldPath.Child(field, "resources");
        var resources = map.TryGetValue("resources", out var r) ? ManifestReader.ReadTemplates(reader, r, resourcesField) : null;
        if (r is null)
        {
            reader.Error(node, resourcesField, ConfigErrorCodes.MissingKey, "`resources` is required (write `[\"*\"]` for actions without resource-level scope)");
        }

        var conditions = new List<IamConditionTemplate>();
        if (map.TryGetValue("conditions", out var c))
        {
            var conditionsField = FieldPath.Child(field, "conditions");
            if (c is not YamlSequenceNode list)
            {
                reader.Error(c, conditionsField, ConfigErrorCodes.WrongType, "expected a list of `{ operator, key, values }`");
            }
            else
            {
                for (var i = 0; i < list.Children.Count; i++)
                {
                    if (ReadCondition(reader, list.Children[i], FieldPath.Index(conditionsField, i)) is { } condition)
                    {
                        conditions.Add(condition);
                    }
                }
            }
        }

        return actions is null || resources is null ? null : new IamStatementTemplate(actions.Select(x => x.Value).ToList(), resources, conditions);
    }

    private static IamConditionTemplate? ReadCondition(YamlNodeReader reader, YamlNode node, string field)
    {
        if (reader.Mapping(node, field, ConditionKeys) is not { } map)
        {
            return null;
        }

        foreach (var key in ConditionKeys.Where(k => !map.ContainsKey(k)))
        {
            reader.Error(node, FieldPath.Child(field, key), ConfigErrorCodes.MissingKey, $"`{key}` is required");
        }

        var op = map.TryGetValue("operator", out var o) ? reader.String(o, FieldPath.Child(field, "operator")) : null;
        if (op is not null && !Operators.Contains(op, StringComparer.Ordinal))
        {
            reader.Error(o!, FieldPath.Child(field, "operator"), ConfigErrorCodes.InvalidIam, $"`{op}` is not a supported condition operator{Suggestions.Hint(op, Operators)}");
            op = null;
        }

        var key2 = map.TryGetValue("key", out var k2) ? reader.String(k2, FieldPath.Child(field, "key")) : null;
        if (key2 is not null && !ConditionKey().IsMatch(key2))
        {
            reader.Error(k2!, FieldPath.Child(field, "key"), ConfigErrorCodes.InvalidIam, $"`{key2}` is not a condition key such as `s3:prefix`");
            key2 = null;
        }

        var values = map.TryGetValue("values", out var v) ? ManifestReader.ReadTemplates(reader, v, FieldPath.Child(field, "values")) : null;
        return op is null || key2 is null || values is null ? null : new IamConditionTemplate(op, key2, values);
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}:[A-Za-z0-9]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex Action();

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}:[A-Za-z0-9/_-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionKey();
}
