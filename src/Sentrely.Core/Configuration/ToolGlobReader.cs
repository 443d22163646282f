using Sentrely.Policy;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads a <c>tools</c> list of tool names and globs; each must be well formed and match at least one curated tool.</summary>
internal static class ToolGlobReader
{
    /// <summary>Returns the globs, or null when the list is malformed or a glob matches no tool (errors are recorded).</summary>
    public static IReadOnlyList<string>? Read(YamlNodeReader reader, YamlNode node, string field, ToolCatalog tools)
    {
        if (reader.StringList(node, field, allowEmpty: false) is not { } items)
        {
            return null;
        }

        var known = tools.ArgumentsByTool.Keys.Order(StringComparer.Ordinal).ToList();
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            var (itemNode, glob) = items[i];
            var itemField = FieldPath.Index(field, i);
            if (!ConfigPatterns.ToolGlob().IsMatch(glob))
            {
                reader.Error(itemNode, itemField, ConfigErrorCodes.InvalidGlob, $"`{glob}` is not a tool glob: use tool names with `*` and `?` only, for example `put-*`");
                ok = false;
            }
            else if (!known.Any(t => Glob.IsMatch(glob, t)))
            {
                reader.Error(itemNode, itemField, ConfigErrorCodes.UnknownTool, $"unknown tool `{glob}`{Suggestions.Hint(glob, known)}: `sentrely tools list` shows the tools");
                ok = false;
            }
        }

        return ok ? items.Select(i => i.Value).ToList() : null;
    }
}
