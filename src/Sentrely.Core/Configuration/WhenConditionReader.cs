using System.Globalization;
using Sentrely.Policy;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads a rule's <c>when</c> map into <see cref="ArgumentCondition"/>s.</summary>
internal sealed class WhenConditionReader(YamlNodeReader reader, ToolCatalog tools)
{
    private static readonly string[] RangeKeys = ["max", "min", "prefix"];

    /// <summary>Reads the conditions; every key must be an argument of every tool in <paramref name="matchedTools"/>.</summary>
    public List<ArgumentCondition> Read(YamlNode node, string field, IReadOnlyList<string> matchedTools)
    {
        var conditions = new List<ArgumentCondition>();
        var entries = reader.FreeMapping(node, field, "argument names to conditions");
        if (entries is null)
        {
            return conditions;
        }

        if (entries.Count == 0)
        {
            reader.Error(node, field, ConfigErrorCodes.MissingKey, "is empty: add conditions such as `{ instanceType: [\"t3.*\"] }`, or remove `when`");
        }

        foreach (var (keyNode, argument, value) in entries)
        {
            var argField = FieldPath.Child(field, argument);
            CheckArgument(keyNode, argField, argument, matchedTools);
            if (ReadCondition(value, argField, argument) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions;
    }

    private void CheckArgument(YamlNode keyNode, string field, string argument, IReadOnlyList<string> matchedTools)
    {
        var lacking = matchedTools.Where(t => !tools.ArgumentsByTool[t].Contains(argument)).ToList();
        if (lacking.Count == 0)
        {
            return;
        }

        var candidates = matchedTools.SelectMany(t => tools.ArgumentsByTool[t]).Distinct(StringComparer.Ordinal);
        var hint = Suggestions.Hint(argument, candidates);
        reader.Error(keyNode, field, ConfigErrorCodes.UnknownArgument,
            $"`{argument}` is not an argument of {YamlNodeReader.Quote(lacking)}{hint}: a `when` key must be an argument of every tool the rule names; narrow `tools` or split the rule");
    }

    private ArgumentCondition? ReadCondition(YamlNode value, string field, string argument)
    {
        switch (value)
        {
            case YamlSequenceNode:
                return reader.StringList(value, field, allowEmpty: false) is { } items
                    ? new ArgumentCondition(argument, AnyOf: items.Select(i => i.Value).ToList())
                    : null;
            case YamlMappingNode:
                return ReadRange(value, field, argument);
            default:
                reader.Error(value, field, ConfigErrorCodes.InvalidCondition,
                    "expected a list of values or globs (`[\"t3.*\"]`), `{ min: N, max: N }` or `{ prefix: S }`");
                return null;
        }
    }

    private ArgumentCondition? ReadRange(YamlNode value, string field, string argument)
    {
        if (reader.Mapping(value, field, RangeKeys) is not { } map)
        {
            return null;
        }

        if (map.Count == 0 || (map.ContainsKey("prefix") && map.Count > 1))
        {
            reader.Error(value, field, ConfigErrorCodes.InvalidCondition, "write either `{ min: N, max: N }` (one or both) or `{ prefix: S }`");
            return null;
        }

        if (map.TryGetValue("prefix", out var p))
        {
            var prefix = reader.String(p, FieldPath.Child(field, "prefix"));
            return prefix is null ? null : new ArgumentCondition(argument, Prefix: prefix);
        }

        var before = reader.Errors.Count;
        var min = map.TryGetValue("min", out var mn) ? ReadNumber(mn, FieldPath.Child(field, "min")) : null;
        var max = map.TryGetValue("max", out var mx) ? ReadNumber(mx, FieldPath.Child(field, "max")) : null;
        if (min > max)
        {
            reader.Error(value, field, ConfigErrorCodes.InvalidCondition, $"`min` ({min}) is greater than `max` ({max}): no value could match");
        }

        return reader.Errors.Count == before ? new ArgumentCondition(argument, Min: min, Max: max) : null;
    }

    private decimal? ReadNumber(YamlNode node, string field)
    {
        var text = reader.String(node, field);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            reader.Error(node, field, ConfigErrorCodes.InvalidCondition, $"`{text}` is not a number: write digits, for example `2` or `2.5`");
            return null;
        }

        return number;
    }
}
