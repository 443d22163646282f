using System.Globalization;
using Sentrely.Limits;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads <c>policy.rateLimits</c>; limit ids are their own namespace, separate from rule ids.</summary>
internal sealed class RateLimitReader(YamlNodeReader reader, ToolCatalog tools)
{
    private static readonly string[] Keys = ["id", "tools", "per", "limit"];
    private static readonly string[] Scopes = ["session", "developer", "project", "global"];
    private static readonly string[] Periods = ["second", "minute", "hour", "day"];
    private readonly Dictionary<string, long> _seenIds = new(StringComparer.Ordinal);

    /// <summary>Returns the limits of a <c>rateLimits</c> list; a null value means no limits.</summary>
    public IReadOnlyList<RateLimitRule> ReadAll(YamlNode node, string field)
    {
        if (YamlNodeReader.IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            reader.Error(node, field, ConfigErrorCodes.WrongType, "expected a list of rate limits (each item like `- { id: writes, tools: [\"put-*\"], per: session, limit: 30/hour }`)");
            return [];
        }

        var limits = new List<RateLimitRule>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (Read(sequence.Children[i], FieldPath.Index(field, i)) is { } limit)
            {
                limits.Add(limit);
            }
        }

        return limits;
    }

    private RateLimitRule? Read(YamlNode node, string field)
    {
        var before = reader.Errors.Count;
        if (reader.Mapping(node, field, Keys) is not { } map)
        {
            return null;
        }

        var id = ReadId(Required(map, node, field, "id", "every rate limit needs an `id` (refusals and audit records name it)"), field);
        var globs = Required(map, node, field, "tools", "every rate limit needs `tools`: a list of tool names or globs such as `[\"put-*\"]`") is { } t
            ? ToolGlobReader.Read(reader, t, FieldPath.Child(field, "tools"), tools)
            : null;
        var per = ReadScope(Required(map, node, field, "per", "every rate limit needs `per`: session, developer, project or global"), field);
        var limit = ReadLimit(Required(map, node, field, "limit", "every rate limit needs `limit`, for example `30/hour`"), field);
        if (reader.Errors.Count != before || id is null || globs is null || per is null || limit is null)
        {
            return null;
        }

        return new RateLimitRule
        {
            Id = id,
            Tools = globs,
            Per = per.Value,
            Count = limit.Value.Count,
            Period = limit.Value.Period,
            Source = $"{reader.File}:{node.Start.Line}",
        };
    }

    private YamlNode? Required(Dictionary<string, YamlNode> map, YamlNode limitNode, string field, string key, string message)
    {
        if (map.TryGetValue(key, out var value))
        {
            return value;
        }

        reader.Error(limitNode, FieldPath.Child(field, key), ConfigErrorCodes.MissingKey, message);
        return null;
    }

    private string? ReadId(YamlNode? node, string field)
    {
        var idField = FieldPath.Child(field, "id");
        if (node is null || reader.String(node, idField) is not { } id)
        {
            return null;
        }

        if (!ConfigPatterns.RuleId().IsMatch(id))
        {
            reader.Error(node, idField, ConfigErrorCodes.InvalidRateLimitId, $"`{id}` is not a rate-limit id: use 1–64 letters, digits and `_.-`");
            return null;
        }

        if (_seenIds.TryGetValue(id, out var line))
        {
            reader.Error(node, idField, ConfigErrorCodes.InvalidRateLimitId, $"rate-limit id `{id}` is already used on line {line}: give each rate limit its own id");
            return null;
        }

        _seenIds[id] = node.Start.Line;
        return id;
    }

    private RateLimitScope? ReadScope(YamlNode? node, string field)
    {
        var perField = FieldPath.Child(field, "per");
        if (node is null || reader.String(node, perField) is not { } text)
        {
            return null;
        }

        var index = Array.IndexOf(Scopes, text);
        if (index < 0)
        {
            reader.Error(node, perField, ConfigErrorCodes.InvalidValue, $"`{text}` is not a rate-limit scope{Suggestions.Hint(text, Scopes)}: use {YamlNodeReader.Quote(Scopes)}");
            return null;
        }

        return (RateLimitScope)index;
    }

    private (int Count, RateLimitPeriod Period)? ReadLimit(YamlNode? node, string field)
    {
        var limitField = FieldPath.Child(field, "limit");
        if (node is null || reader.String(node, limitField) is not { } text)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var unit = slash < 0 ? "" : text[(slash + 1)..];
        var periodIndex = Array.IndexOf(Periods, unit);
        if (slash < 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || count > RateLimitRule.MaxCount
            || periodIndex < 0)
        {
            var hint = slash < 0 || periodIndex >= 0 ? "" : Suggestions.Hint(unit, Periods);
            reader.Error(node, limitField, ConfigErrorCodes.InvalidRateLimit,
                $"`{text}` is not a rate limit{hint}: write N/second, N/minute, N/hour or N/day with N a whole number from 1 to {RateLimitRule.MaxCount}, for example `30/hour`");
            return null;
        }

        return (count, (RateLimitPeriod)periodIndex);
    }
}
