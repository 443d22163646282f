using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>
/// Walks a YAML representation tree strictly and collects every error with its line and column.
/// Nothing here throws for bad input: callers read on and report all problems at once.
/// </summary>
internal sealed class YamlNodeReader(string file)
{
    private readonly List<ConfigError> _errors = [];

    /// <summary>Gets the file name used in errors.</summary>
    public string File { get; } = file;

    /// <summary>Gets the errors found so far.</summary>
    public IReadOnlyList<ConfigError> Errors => _errors;

    /// <summary>Adds an error at <paramref name="mark"/>.</summary>
    public void Error(Mark mark, string field, string code, string message) =>
        _errors.Add(new ConfigError(File, ToInt(mark.Line), ToInt(mark.Column), field, code, message));

    /// <summary>Adds an error at the start of <paramref name="node"/>.</summary>
    public void Error(YamlNode node, string field, string code, string message) => Error(node.Start, field, code, message);

    /// <summary>Adds an error that concerns the whole file.</summary>
    public void FileError(string code, string message) => _errors.Add(new ConfigError(File, 0, 0, "", code, message));

    /// <summary>Parses one YAML document; returns null for an empty file or on a syntax error (which is recorded).</summary>
    public YamlNode? ParseDocument(string text)
    {
        if (!RejectAliases(text))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            Error(ex.Start, "", ConfigErrorCodes.YamlSyntax, $"invalid YAML: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (IsParserFault(ex))
        {
            FileError(ConfigErrorCodes.YamlSyntax, $"invalid YAML: the YAML parser cannot read this file ({ex.Message}); check quoting, indentation and tags");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Error(stream.Documents[1].RootNode, "", ConfigErrorCodes.YamlSyntax, "the file holds several YAML documents (`---`): keep exactly one");
            return null;
        }

        return stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
    }

    /// <summary>Returns true when the node is an explicit or implicit YAML null (<c>~</c>, <c>null</c>, nothing).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>Reads a mapping whose keys must all be in <paramref name="allowed"/>; unknown keys are reported with a suggestion.</summary>
    public Dictionary<string, YamlNode>? Mapping(YamlNode node, string field, IReadOnlyList<string> allowed) =>
        MappingWithKeys(node, field, allowed)?.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal);

    /// <summary>Like <see cref="Mapping"/>, but keeps each key's node for errors that point at the key.</summary>
    public Dictionary<string, (YamlNode Key, YamlNode Value)>? MappingWithKeys(YamlNode node, string field, IReadOnlyList<string> allowed)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, field, ConfigErrorCodes.WrongType, $"expected a mapping with the keys {Quote(allowed)}");
            return null;
        }

        var result = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, key, value) in Entries(map, field))
        {
            if (allowed.Contains(key, StringComparer.Ordinal))
            {
                result[key] = (keyNode, value);
                continue;
            }

            Error(keyNode, FieldPath.Child(field, key), ConfigErrorCodes.UnknownKey,
                $"unknown key `{key}`{Suggestions.Hint(key, allowed)}; allowed keys are {Quote(allowed)}");
        }

        return result;
    }

    /// <summary>Reads a mapping with free keys (role names, endpoint services, argument names).</summary>
    public IReadOnlyList<(YamlNode KeyNode, string Key, YamlNode Value)>? FreeMapping(YamlNode node, string field, string expected)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, field, ConfigErrorCodes.WrongType, $"expected a mapping of {expected}");
            return null;
        }

        return Entries(map, field);
    }

    /// <summary>Reads a non-null scalar without control characters; returns null (and records why) otherwise.</summary>
    public string? String(YamlNode node, string field) => String(node, field, allowLineBreaks: false);

    /// <summary>
    /// Reads <c>true</c> or <c>false</c>; anything else is an error with <paramref name="code"/> (the value shown cut to 20
    /// characters, then <paramref name="why"/>). Returns null when the value is invalid or missing (and records why).
    /// </summary>
    public bool? Boolean(YamlNode node, string field, string code, string why = "")
    {
        switch (String(node, field))
        {
            case "true":
                return true;
            case "false":
                return false;
            case { } other:
                Error(node, field, code, $"`{(other.Length <= 20 ? other : other[..20] + "…")}` is not `true` or `false`{why}");
                return null;
            default:
                return null;
        }
    }

    /// <summary>Like <see cref="String(YamlNode, string)"/>, optionally allowing line breaks (descriptions).</summary>
    public string? String(YamlNode node, string field, bool allowLineBreaks)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, field, ConfigErrorCodes.WrongType, "expected a single value, not a list or mapping");
            return null;
        }

        if (IsNull(scalar))
        {
            Error(node, field, ConfigErrorCodes.MissingKey, "has no value: give one or remove the key");
            return null;
        }

        var value = scalar.Value ?? "";
        if (value.Any(c => char.IsControl(c) && !(allowLineBreaks && c == '\n')))
        {
            Error(node, field, ConfigErrorCodes.InvalidValue, "contains control characters (tabs, line breaks, …): remove them");
            return null;
        }

        return value;
    }

    /// <summary>Reads a whole number within a range.</summary>
    public int? Integer(YamlNode node, string field, int min, int max)
    {
        var text = String(node, field);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(node, field, ConfigErrorCodes.InvalidValue, $"`{text}` is not a whole number from {min} to {max}");
            return null;
        }

        return value;
    }

    /// <summary>Reads a list of strings; an empty list is an error unless <paramref name="allowEmpty"/>.</summary>
    public IReadOnlyList<(YamlNode Node, string Value)>? StringList(YamlNode node, string field, bool allowEmpty)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, field, ConfigErrorCodes.WrongType, "expected a list, for example `[a, b]`");
            return null;
        }

        if (sequence.Children.Count == 0 && !allowEmpty)
        {
            Error(node, field, ConfigErrorCodes.MissingKey, "is an empty list: list at least one value, or remove the key");
            return null;
        }

        var result = new List<(YamlNode, string)>();
        var ok = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            if (String(item, FieldPath.Index(field, i)) is { } value)
            {
                result.Add((item, value));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? result : null;
    }

    /// <summary>Formats names as <c>`a`, `b`</c>.</summary>
    public static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    private List<(YamlNode KeyNode, string Key, YamlNode Value)> Entries(YamlMappingNode map, string field)
    {
        var entries = new List<(YamlNode, string, YamlNode)>();
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is YamlScalarNode { Value: { Length: > 0 } key } && !key.Any(char.IsControl))
            {
                entries.Add((keyNode, key, value));
            }
            else
            {
                Error(keyNode, field, ConfigErrorCodes.WrongType, "keys must be plain, non-empty names");
            }
        }

        return entries;
    }

    // Aliases would let a small file expand into a huge tree and hide where a value came from; configs never need them.
    private bool RejectAliases(string text)
    {
        var found = false;
        var lastGood = Mark.Empty;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                lastGood = parser.Current?.End ?? lastGood;
                if (parser.Current is AnchorAlias alias)
                {
                    Error(alias.Start, "", ConfigErrorCodes.YamlSyntax, $"YAML aliases (`*{alias.Value}`) are not supported: write the value out");
                    found = true;
                }
            }
        }
        catch (YamlException)
        {
            // Reported with its position by the full load that follows.
        }
        catch (Exception ex) when (IsParserFault(ex))
        {
            Error(lastGood, "", ConfigErrorCodes.YamlSyntax, $"invalid YAML after this point: the YAML parser cannot read it ({ex.Message}); check quoting, indentation and tags");
            return false;
        }

        return !found;
    }

    // YamlDotNet reports some malformed input (odd tags, directives, stray tokens) with these instead of YamlException;
    // they are still syntax errors in the file, never a reason to crash the loader (found by fuzzing: fuzz/corpus/config).
    private static bool IsParserFault(Exception ex) => ex is InvalidOperationException or ArgumentException;

    private static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
