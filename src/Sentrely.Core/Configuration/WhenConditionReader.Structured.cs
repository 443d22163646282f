using Sentrely.Policy;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>The conditions on content arguments (<c>sha256</c>, <c>size</c>) and on maps (<c>{ KEY: condition }</c>).</summary>
internal sealed partial class WhenConditionReader
{
    private ArgumentCondition? ReadContent(YamlNode value, string field, string argument)
    {
        if (value is not YamlMappingNode || reader.Mapping(value, field, ContentKeys) is not { } map || map.Count == 0)
        {
            return Unevaluable(value, field, $"`{argument}` is content, seen as the SHA-256 and size of its decoded bytes: write `{{ sha256: [HEX] }}`, `{{ size: {{ max: N }} }}` or `{{ absent: true }}`");
        }

        if (map.TryGetValue("absent", out var absentNode))
        {
            return map.Count > 1
                ? Invalid(value, field, "`absent` stands alone: write another condition on the same argument in another rule")
                : ReadBoolean(absentNode, FieldPath.Child(field, "absent")) is { } absent ? new ArgumentCondition(argument) { Absent = absent } : null;
        }

        var before = reader.Errors.Count;
        List<string>? digests = null;
        if (map.TryGetValue("sha256", out var s) && reader.StringList(s, FieldPath.Child(field, "sha256"), allowEmpty: false) is { } items)
        {
            digests = [];
            foreach (var (itemNode, digest) in items)
            {
                if (digest.Length != 64 || !digest.All(char.IsAsciiHexDigit))
                {
                    reader.Error(itemNode, FieldPath.Child(field, "sha256"), ConfigErrorCodes.InvalidCondition, $"`{digest}` is not a SHA-256: write 64 hex digits (`sha256sum FILE` prints them)");
                }

                digests.Add(digest.ToLowerInvariant());
            }
        }

        var (min, max) = map.TryGetValue("size", out var size) && reader.Mapping(size, FieldPath.Child(field, "size"), SizeKeys) is { } range
            ? ReadRange(size, FieldPath.Child(field, "size"), range)
            : (null, null);
        return reader.Errors.Count == before ? new ArgumentCondition(argument, Min: min, Max: max) { Sha256 = digests } : null;
    }

    private ArgumentCondition? ReadMap(YamlNode value, string field, string argument)
    {
        if (reader.FreeMapping(value, field, "keys to conditions, for example `{ Team: [web] }`") is not { } entries)
        {
            return null;
        }

        if (entries.Count == 0)
        {
            return Invalid(value, field, "is empty: name the keys to test, for example `{ Team: [web] }`, or `{ absent: true }`");
        }

        if (entries.FirstOrDefault(e => e.Key == "absent" && e.Value is YamlScalarNode) is { KeyNode: not null } absentEntry)
        {
            return entries.Count > 1
                ? Invalid(value, field, "`absent` stands alone: write conditions on keys in another rule")
                : ReadBoolean(absentEntry.Value, FieldPath.Child(field, "absent")) is { } absent ? new ArgumentCondition(argument) { Absent = absent } : null;
        }

        var before = reader.Errors.Count;
        var conditions = new List<ArgumentCondition>();
        foreach (var (keyNode, key, entry) in entries)
        {
            var keyField = FieldPath.Child(field, key);
            CheckBang(keyNode, keyField, key);
            if (ReadValue(entry, keyField, key, ArgumentKind.Text) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return reader.Errors.Count == before ? new ArgumentCondition(argument) { Entries = conditions } : null;
    }
}
