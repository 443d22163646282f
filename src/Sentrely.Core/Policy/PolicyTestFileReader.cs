using System.Text.Json;
using Sentrely.Configuration;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Policy;

/// <summary>Reads a <c>sentrely policy test</c> file strictly: a YAML list of cases; every problem is reported with file, line and column.</summary>
public static class PolicyTestFileReader
{
    private static readonly string[] Keys = ["name", "developer", "project", "tool", "arguments", "expect", "rule"];
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
    private static readonly string[] Verdicts = [ExplainVerdicts.Allow, ExplainVerdicts.Deny, ExplainVerdicts.Approval];

    /// <summary>Reads the cases of <paramref name="yamlText"/>; throws <see cref="ConfigException"/> listing every error.</summary>
    /// <param name="yamlText">The file's text.</param>
    /// <param name="fileName">The name used in errors and case sources.</param>
    public static IReadOnlyList<PolicyTestCase> Parse(string yamlText, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        var reader = new YamlNodeReader(fileName);
        var cases = new List<PolicyTestCase>();
        var root = reader.ParseDocument(yamlText.TrimStart('\uFEFF'));
        if (root is YamlSequenceNode list)
        {
            var names = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < list.Children.Count; i++)
            {
                if (ReadCase(reader, list.Children[i], FieldPath.Index("cases", i), names) is { } testCase)
                {
                    cases.Add(testCase);
                }
            }
        }
        else if (root is not null)
        {
            reader.Error(root, "", ConfigErrorCodes.WrongType, "expected a list of cases, each starting with `- name: …`");
        }

        if (cases.Count == 0 && reader.Errors.Count == 0)
        {
            reader.FileError(ConfigErrorCodes.MissingKey, "the file has no cases");
        }

        return reader.Errors.Count > 0 ? throw new ConfigException(reader.Errors.ToList()) : cases;
    }

    private static PolicyTestCase? ReadCase(YamlNodeReader reader, YamlNode node, string field, Dictionary<string, long> names)
    {
        var before = reader.Errors.Count;
        if (reader.Mapping(node, field, Keys) is not { } map)
        {
            return null;
        }

        var name = Required(reader, map, node, field, "name");
        if (name is not null && !names.TryAdd(name, node.Start.Line))
        {
            reader.Error(map["name"], FieldPath.Child(field, "name"), ConfigErrorCodes.InvalidValue, $"case `{name}` is already named on line {names[name]}: give each case its own name");
        }

        var tool = Required(reader, map, node, field, "tool");
        var expect = Required(reader, map, node, field, "expect");
        if (expect is not null && !Verdicts.Contains(expect, StringComparer.Ordinal))
        {
            reader.Error(map["expect"], FieldPath.Child(field, "expect"), ConfigErrorCodes.InvalidValue,
                $"`{expect}` is not a verdict{Suggestions.Hint(expect, Verdicts)}: use `allow`, `deny` or `approval`");
        }

        var developer = map.TryGetValue("developer", out var d) ? reader.String(d, FieldPath.Child(field, "developer")) : null;
        var project = map.TryGetValue("project", out var p) ? reader.String(p, FieldPath.Child(field, "project")) : null;
        var rule = map.TryGetValue("rule", out var r) ? reader.String(r, FieldPath.Child(field, "rule")) : null;
        var arguments = map.TryGetValue("arguments", out var a) ? ReadArguments(reader, a, FieldPath.Child(field, "arguments")) : EmptyObject;

        if (reader.Errors.Count != before || name is null || tool is null || expect is null || arguments is null)
        {
            return null;
        }

        return new PolicyTestCase
        {
            Name = name,
            Source = $"{reader.File}:{node.Start.Line}",
            Developer = developer,
            Project = project,
            Tool = tool,
            Arguments = arguments ?? EmptyObject,
            Expect = expect,
            Rule = rule,
        };
    }

    private static JsonElement? ReadArguments(YamlNodeReader reader, YamlNode node, string field)
    {
        if (YamlNodeReader.IsNull(node))
        {
            return EmptyObject;
        }

        if (node is YamlMappingNode map)
        {
            try
            {
                return YamlJson.ToJson(map);
            }
            catch (FormatException ex)
            {
                reader.Error(node, field, ConfigErrorCodes.WrongType, ex.Message);
                return null;
            }
        }

        reader.Error(node, field, ConfigErrorCodes.WrongType, "expected a mapping of argument names to values, for example `{ bucket: b, key: k }`");
        return null;
    }

    private static string? Required(YamlNodeReader reader, Dictionary<string, YamlNode> map, YamlNode node, string field, string key)
    {
        if (map.TryGetValue(key, out var value))
        {
            return reader.String(value, FieldPath.Child(field, key));
        }

        reader.Error(node, FieldPath.Child(field, key), ConfigErrorCodes.MissingKey, $"every case needs `{key}`");
        return null;
    }
}
