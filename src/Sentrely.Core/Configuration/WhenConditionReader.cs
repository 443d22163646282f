using System.Globalization;
using Sentrely.Policy;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>
/// Reads a rule's <c>when</c> map into <see cref="ArgumentCondition"/>s, each checked against how the policy sees the
/// argument (<see cref="ArgumentKind"/>): a condition that could never be evaluated is an error, not a silent non-match.
/// </summary>
internal sealed partial class WhenConditionReader(YamlNodeReader reader, ToolCatalog tools)
{
    private static readonly string[] ValueKeys = ["not", "prefix", "min", "max", "absent"];
    private static readonly string[] ContentKeys = ["sha256", "size", "absent"];
    private static readonly string[] SizeKeys = ["min", "max"];

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
            if (CheckArgument(keyNode, argField, argument, matchedTools) && KindOf(keyNode, argField, argument, matchedTools) is { } kind
                && ReadCondition(value, argField, argument, kind) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions;
    }

    private bool CheckArgument(YamlNode keyNode, string field, string argument, IReadOnlyList<string> matchedTools)
    {
        var lacking = matchedTools.Where(t => !tools.ArgumentsByTool[t].Contains(argument)).ToList();
        if (lacking.Count == 0)
        {
            return true;
        }

        var candidates = matchedTools.SelectMany(t => tools.ArgumentsByTool[t]).Distinct(StringComparer.Ordinal);
        var hint = Suggestions.Hint(argument, candidates);
        reader.Error(keyNode, field, ConfigErrorCodes.UnknownArgument,
            $"`{argument}` is not an argument of {YamlNodeReader.Quote(lacking)}{hint}: a `when` key must be an argument of every tool the rule names; narrow `tools` or split the rule");
        return false;
    }

    // Text and lists of text take the same conditions (a list is tested element by element); other kinds must agree.
    private ArgumentKind? KindOf(YamlNode keyNode, string field, string argument, IReadOnlyList<string> matchedTools)
    {
        var kinds = matchedTools.ToDictionary(t => t, t => tools.KindsByTool[t].TryGetValue(argument, out var k) ? k == ArgumentKind.TextList ? ArgumentKind.Text : k : (ArgumentKind?)null);
        if (kinds.FirstOrDefault(k => k.Value is null).Key is { } opaque)
        {
            reader.Error(keyNode, field, ConfigErrorCodes.UnevaluableCondition, $"`{argument}` of `{opaque}` has a shape `when` cannot read: remove the condition or narrow `tools`");
            return null;
        }

        if (kinds.Values.Distinct().Count() > 1)
        {
            reader.Error(keyNode, field, ConfigErrorCodes.UnevaluableCondition,
                $"`{argument}` has different types in the tools the rule names ({string.Join(", ", kinds.Select(k => $"`{k.Key}`: {Describe(k.Value!.Value)}"))}): split the rule");
            return null;
        }

        return kinds.Values.FirstOrDefault() ?? ArgumentKind.Text;
    }

    private ArgumentCondition? ReadCondition(YamlNode value, string field, string argument, ArgumentKind kind) => kind switch
    {
        ArgumentKind.Blob => ReadContent(value, field, argument),
        ArgumentKind.TextMap => ReadMap(value, field, argument),
        _ => ReadValue(value, field, argument, kind),
    };

    private ArgumentCondition? ReadValue(YamlNode value, string field, string argument, ArgumentKind kind)
    {
        if (value is YamlSequenceNode)
        {
            return ReadValues(value, field, kind) is { } values ? new ArgumentCondition(argument, AnyOf: values) : null;
        }

        if (value is not YamlMappingNode || reader.Mapping(value, field, ValueKeys) is not { } map)
        {
            reader.Error(value, field, ConfigErrorCodes.InvalidCondition,
                "expected a list of values or globs (`[\"t3.*\"]`), `{ not: [...] }`, `{ prefix: S }`, `{ min: N, max: N }` or `{ absent: true }`");
            return null;
        }

        if (map.TryGetValue("absent", out var absentNode))
        {
            return map.Count > 1
                ? Invalid(value, field, "`absent` stands alone: write another condition on the same argument in another rule")
                : ReadBoolean(absentNode, FieldPath.Child(field, "absent")) is { } absent ? new ArgumentCondition(argument) { Absent = absent } : null;
        }

        if (map.Count == 0 || (map.ContainsKey("prefix") && (map.ContainsKey("min") || map.ContainsKey("max"))))
        {
            return Invalid(value, field, "write either `{ min: N, max: N }` (one or both) or `{ prefix: S }`, optionally with `not: [...]`");
        }

        if ((map.ContainsKey("min") || map.ContainsKey("max")) && kind != ArgumentKind.Number)
        {
            return Unevaluable(value, field, $"`{argument}` is {Describe(kind)}: `min` and `max` apply to numbers; list the values instead");
        }

        if (map.ContainsKey("prefix") && kind is ArgumentKind.Number or ArgumentKind.Boolean)
        {
            return Unevaluable(value, field, $"`{argument}` is {Describe(kind)}: `prefix` applies to text; list the values instead");
        }

        var before = reader.Errors.Count;
        var prefix = map.TryGetValue("prefix", out var p) ? reader.String(p, FieldPath.Child(field, "prefix")) : null;
        if (prefix is not null)
        {
            CheckBang(p!, FieldPath.Child(field, "prefix"), prefix);
        }

        var noneOf = map.TryGetValue("not", out var n) ? ReadValues(n, FieldPath.Child(field, "not"), kind) : null;
        var (min, max) = ReadRange(value, field, map);
        return reader.Errors.Count == before ? new ArgumentCondition(argument, Min: min, Max: max, Prefix: prefix) { NoneOf = noneOf } : null;
    }

    // Numbers are kept in one spelling (PolicyValue.Number) so `2`, `2.0` and a call's `2` compare alike.
    private List<string>? ReadValues(YamlNode node, string field, ArgumentKind kind)
    {
        if (reader.StringList(node, field, allowEmpty: false) is not { } items)
        {
            return null;
        }

        var before = reader.Errors.Count;
        var values = new List<string>();
        foreach (var (itemNode, item) in items)
        {
            CheckBang(itemNode, field, item);
            if (kind == ArgumentKind.Boolean && item is not ("true" or "false"))
            {
                Unevaluable(itemNode, field, $"`{item}` is not a boolean: write `true` or `false`");
            }
            else if (kind == ArgumentKind.Number && !decimal.TryParse(item, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            {
                Unevaluable(itemNode, field, $"`{item}` is not a number: write digits, for example `2`, or `{{ min: N, max: N }}`");
            }

            values.Add(kind == ArgumentKind.Number && decimal.TryParse(item, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? PolicyValue.Number(number)
                : item);
        }

        return reader.Errors.Count == before ? values : null;
    }

    private void CheckBang(YamlNode node, string field, string value)
    {
        if (value.StartsWith('!'))
        {
            reader.Error(node, field, ConfigErrorCodes.BangValue,
                $"`{value}` starts with `!`, which is not negation here (it would match only values that start with `!`): write `{{ not: [{value[1..]}] }}`");
        }
    }

    private (decimal? Min, decimal? Max) ReadRange(YamlNode node, string field, Dictionary<string, YamlNode> map)
    {
        var min = map.TryGetValue("min", out var mn) ? ReadNumber(mn, FieldPath.Child(field, "min")) : null;
        var max = map.TryGetValue("max", out var mx) ? ReadNumber(mx, FieldPath.Child(field, "max")) : null;
        if (min > max)
        {
            reader.Error(node, field, ConfigErrorCodes.InvalidCondition, $"`min` ({min}) is greater than `max` ({max}): no value could match");
        }

        return (min, max);
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

    private bool? ReadBoolean(YamlNode node, string field) => reader.Boolean(node, field, ConfigErrorCodes.InvalidCondition);

    private ArgumentCondition? Invalid(YamlNode node, string field, string message)
    {
        reader.Error(node, field, ConfigErrorCodes.InvalidCondition, message);
        return null;
    }

    private ArgumentCondition? Unevaluable(YamlNode node, string field, string message)
    {
        reader.Error(node, field, ConfigErrorCodes.UnevaluableCondition, message);
        return null;
    }

    private static string Describe(ArgumentKind kind) => kind switch
    {
        ArgumentKind.Number => "a number",
        ArgumentKind.Boolean => "a boolean",
        ArgumentKind.TextMap => "a map",
        ArgumentKind.Blob => "content",
        _ => "text",
    };
}
