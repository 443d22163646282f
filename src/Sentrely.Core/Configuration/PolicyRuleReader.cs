using Sentrely.Credentials;
using Sentrely.Policy;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads one <c>policy.rules[]</c> item; remembers ids to report duplicates.</summary>
internal sealed class PolicyRuleReader(YamlNodeReader reader, ToolCatalog tools, AwsConfig aws)
{
    private static readonly string[] Keys = ["id", "effect", "tools", "resources", "notResources", "principals", "when", "caseInsensitive", "approval"];
    private static readonly string[] PrincipalKeys = ["developers", "projects"];
    private readonly Dictionary<string, long> _seenIds = new(StringComparer.Ordinal);

    /// <summary>Returns the rule, or null when it has errors (which are recorded).</summary>
    public PolicyRule? Read(YamlNode node, string field)
    {
        var before = reader.Errors.Count;
        if (reader.Mapping(node, field, Keys) is not { } map)
        {
            return null;
        }

        var id = ReadId(map, node, field);
        var effect = ReadEffect(map, node, field);
        var matchedTools = ReadTools(map, node, field, out var toolGlobs);
        var resources = map.TryGetValue("resources", out var r) ? ReadResources(r, FieldPath.Child(field, "resources")) : null;
        var notResources = map.TryGetValue("notResources", out var nr) ? ReadResources(nr, FieldPath.Child(field, "notResources")) : null;
        var caseInsensitive = map.TryGetValue("caseInsensitive", out var ci) && ReadCaseInsensitive(ci, FieldPath.Child(field, "caseInsensitive"), effect);
        var (developers, projects) = map.TryGetValue("principals", out var p) ? ReadPrincipals(p, FieldPath.Child(field, "principals")) : (null, null);
        var when = map.TryGetValue("when", out var w)
            ? new WhenConditionReader(reader, tools).Read(w, FieldPath.Child(field, "when"), matchedTools)
            : [];
        var approval = ApprovalRequirement.None;
        if (map.TryGetValue("approval", out var a))
        {
            approval = ApprovalReader.Read(reader, a, FieldPath.Child(field, "approval"));
            if (effect == PolicyEffect.Deny && approval.Level != ApprovalLevel.None)
            {
                reader.Error(a, FieldPath.Child(field, "approval"), ConfigErrorCodes.InvalidApproval, "a deny rule refuses the call outright, so an approval has no effect: remove it");
            }
        }

        if (reader.Errors.Count != before || id is null || effect is null || toolGlobs is null)
        {
            return null;
        }

        var rule = new PolicyRule
        {
            Id = id,
            Effect = effect.Value,
            Tools = toolGlobs,
            Resources = resources,
            NotResources = notResources,
            CaseInsensitive = caseInsensitive,
            Developers = developers,
            Projects = projects,
            When = when,
            Approval = approval,
            Source = $"{reader.File}:{node.Start.Line}",
        };
        return CheckReachable(rule, r ?? nr ?? node, field, matchedTools) ? rule : null;
    }

    // A rule whose resource patterns no call resource of any of its tools can meet would load and never fire.
    private bool CheckReachable(PolicyRule rule, YamlNode node, string field, IReadOnlyList<string> matchedTools)
    {
        if (rule.Resources is null && rule.NotResources is null)
        {
            return true;
        }

        var shapes = matchedTools.ToDictionary(t => t, t => ResourceShapes.For(tools.ResourcesFor(t, rule.Effect), aws), StringComparer.Ordinal);
        if (matchedTools.Count == 0 || matchedTools.Any(t => RuleReach.CanReach(rule, shapes[t])))
        {
            return true;
        }

        var what = string.Join("; ", matchedTools.Select(t => $"`{t}`: {string.Join(" or ", shapes[t])}"));
        reader.Error(node, FieldPath.Child(field, rule.Resources is null ? "notResources" : "resources"), ConfigErrorCodes.UnreachableRule,
            $"this rule can match none of its tools: no call resource of theirs can meet its patterns ({what}); write patterns in those shapes, with partition `{aws.Partition}`, region `{aws.Region}` and the configured account, or fix `tools`");
        return false;
    }

    private bool ReadCaseInsensitive(YamlNode node, string field, PolicyEffect? effect)
    {
        if (reader.Boolean(node, field, ConfigErrorCodes.InvalidCaseInsensitive) is not true)
        {
            return false;
        }

        if (effect == PolicyEffect.Allow)
        {
            reader.Error(node, field, ConfigErrorCodes.InvalidCaseInsensitive, "`caseInsensitive` widens what a rule matches, so only deny rules take it: remove it, or list each spelling the allow should accept");
            return false;
        }

        return true;
    }

    private string? ReadId(Dictionary<string, YamlNode> map, YamlNode ruleNode, string field)
    {
        var idField = FieldPath.Child(field, "id");
        if (!map.TryGetValue("id", out var node))
        {
            reader.Error(ruleNode, idField, ConfigErrorCodes.MissingKey, "every rule needs an `id` (decisions and audit records name it)");
            return null;
        }

        if (reader.String(node, idField) is not { } id)
        {
            return null;
        }

        if (!ConfigPatterns.RuleId().IsMatch(id))
        {
            reader.Error(node, idField, ConfigErrorCodes.InvalidRuleId, $"`{id}` is not a rule id: use 1–64 letters, digits and `_.-`");
            return null;
        }

        if (_seenIds.TryGetValue(id, out var line))
        {
            reader.Error(node, idField, ConfigErrorCodes.InvalidRuleId, $"rule id `{id}` is already used on line {line}: give each rule its own id");
            return null;
        }

        _seenIds[id] = node.Start.Line;
        return id;
    }

    private PolicyEffect? ReadEffect(Dictionary<string, YamlNode> map, YamlNode ruleNode, string field)
    {
        var effectField = FieldPath.Child(field, "effect");
        if (!map.TryGetValue("effect", out var node))
        {
            reader.Error(ruleNode, effectField, ConfigErrorCodes.MissingKey, "every rule needs `effect: allow` or `effect: deny`");
            return null;
        }

        switch (reader.String(node, effectField))
        {
            case "allow": return PolicyEffect.Allow;
            case "deny": return PolicyEffect.Deny;
            case { } other:
                reader.Error(node, effectField, ConfigErrorCodes.InvalidValue, $"`{other}` is not an effect{Suggestions.Hint(other, ["allow", "deny"])}: use `allow` or `deny`");
                return null;
            default: return null;
        }
    }

    private List<string> ReadTools(Dictionary<string, YamlNode> map, YamlNode ruleNode, string field, out IReadOnlyList<string>? globs)
    {
        globs = null;
        var toolsField = FieldPath.Child(field, "tools");
        var matched = new List<string>();
        if (!map.TryGetValue("tools", out var node))
        {
            reader.Error(ruleNode, toolsField, ConfigErrorCodes.MissingKey, "every rule needs `tools`: a list of tool names or globs such as `[\"*\"]`");
            return matched;
        }

        globs = ToolGlobReader.Read(reader, node, toolsField, tools);
        if (globs is not null)
        {
            var selected = globs;
            matched.AddRange(tools.ArgumentsByTool.Keys.Order(StringComparer.Ordinal).Where(t => selected.Any(g => Glob.IsMatch(g, t))));
        }

        return matched;
    }

    private List<string>? ReadResources(YamlNode node, string field)
    {
        if (reader.StringList(node, field, allowEmpty: false) is not { } items)
        {
            return null;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var (itemNode, pattern) = items[i];
            if ((pattern != "*" && !pattern.StartsWith("arn:", StringComparison.Ordinal)) || pattern.Any(char.IsWhiteSpace))
            {
                reader.Error(itemNode, FieldPath.Index(field, i), ConfigErrorCodes.InvalidResource,
                    $"`{pattern}` is not a resource pattern: write `*` or an ARN starting with `arn:` (globs `*` and `?` allowed, no spaces)");
            }
        }

        return items.Select(i => i.Value).ToList();
    }

    private (IReadOnlyList<string>? Developers, IReadOnlyList<string>? Projects) ReadPrincipals(YamlNode node, string field)
    {
        if (reader.Mapping(node, field, PrincipalKeys) is not { } map)
        {
            return (null, null);
        }

        if (node is YamlMappingNode { Children.Count: 0 })
        {
            reader.Error(node, field, ConfigErrorCodes.MissingKey, "list `developers` and/or `projects`, or remove `principals`");
        }

        var developers = map.TryGetValue("developers", out var d) ? ReadPrincipalList(d, FieldPath.Child(field, "developers"), StsNames.SourceIdentity, "developer names are fitted to STS SourceIdentity's characters (letters, digits and `_+=,.@-`, at most 64)") : null;
        var projects = map.TryGetValue("projects", out var p) ? ReadPrincipalList(p, FieldPath.Child(field, "projects"), StsNames.TagValue, "project names are fitted to STS session tag values") : null;
        return (developers, projects);
    }

    // Principals compare literally: a glob or a `!` would silently match no session (or only a strangely named one).
    // A name a session can never carry (sessions hold the fitted form) would leave the rule inert.
    private List<string>? ReadPrincipalList(YamlNode node, string field, Func<string, string> fitted, string fitting)
    {
        if (reader.StringList(node, field, allowEmpty: false) is not { } items)
        {
            return null;
        }

        foreach (var (itemNode, value) in items)
        {
            if (value.StartsWith('!'))
            {
                reader.Error(itemNode, field, ConfigErrorCodes.BangValue, $"`{value}` starts with `!`, which is not negation: list the principals the rule applies to, or write another rule for the others");
            }
            else if (Glob.HasWildcard(value))
            {
                reader.Error(itemNode, field, ConfigErrorCodes.GlobInPrincipals, $"`{value}` contains `*` or `?`, but principals are compared literally: list each name, or remove `principals` to match everyone");
            }
            else if (fitted(value) is var name && !string.Equals(name, value, StringComparison.Ordinal))
            {
                reader.Error(itemNode, field, ConfigErrorCodes.UnmatchablePrincipal, $"no session can be `{value}`: {fitting}, so sessions carry `{name}`; write that, or fix the name");
            }
        }

        return items.Select(x => x.Value).ToList();
    }
}
