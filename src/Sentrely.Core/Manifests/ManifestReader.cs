using System.Text.RegularExpressions;
using Sentrely.Configuration;
using Sentrely.Policy;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Manifests;

/// <summary>Reads one tool manifest strictly, recording every error in its <see cref="YamlNodeReader"/>.</summary>
internal static partial class ManifestReader
{
    private static readonly string[] Keys = ["name", "title", "description", "access", "role", "resources", "secondaryResources", "iam", "approval", "redact"];
    private static readonly string[] RedactKeys = ["blobs", "mask"];
    private static readonly string[] Accesses = ["read", "write", "destructive"];

    /// <summary>Returns the manifest, or null when it has errors.</summary>
    public static ToolManifest? Read(YamlNodeReader reader, string sourceName, string yaml)
    {
        var before = reader.Errors.Count;
        var root = reader.ParseDocument(yaml);
        if (root is null)
        {
            if (reader.Errors.Count == before)
            {
                reader.FileError(ConfigErrorCodes.MissingKey, "the manifest is empty: it needs `name`, `title`, `description`, `access` and `resources`");
            }

            return null;
        }

        if (reader.Mapping(root, "", Keys) is not { } map)
        {
            return null;
        }

        var name = Required(reader, map, root, "name") is { } n ? ReadName(reader, map["name"], n) : null;
        var title = Required(reader, map, root, "title");
        var description = map.TryGetValue("description", out var d) ? reader.String(d, "description", allowLineBreaks: true) : Required(reader, map, root, "description");
        var access = Required(reader, map, root, "access") is { } a ? ReadAccess(reader, map["access"], a) : null;
        var role = map.TryGetValue("role", out var r) ? reader.String(r, "role") : null;
        var resources = map.TryGetValue("resources", out var res) ? ReadTemplates(reader, res, "resources") : Missing<List<string>>(reader, root, "resources");
        var secondary = map.TryGetValue("secondaryResources", out var sec) ? ReadTemplates(reader, sec, "secondaryResources") : [];
        var iam = map.TryGetValue("iam", out var i) ? IamStatementReader.ReadAll(reader, i) : [];
        var approval = map.TryGetValue("approval", out var ap) ? ReadApproval(reader, ap) : ApprovalRequirement.None;
        var (blobs, mask) = map.TryGetValue("redact", out var red) ? ReadRedact(reader, red) : ([], []);
        CheckRole(reader, map, root, access, role, iam);

        if (reader.Errors.Count != before || name is null || title is null || description is null || access is null || resources is null)
        {
            return null;
        }

        return new ToolManifest
        {
            Name = name,
            Title = title,
            Description = description,
            Access = access.Value,
            Role = role,
            Resources = resources,
            SecondaryResources = secondary ?? [],
            Iam = iam,
            Approval = approval,
            BlobArguments = blobs,
            MaskedArguments = mask,
            Source = sourceName,
        };
    }

    /// <summary>Reads a list of templates, checking their placeholder syntax.</summary>
    public static List<string>? ReadTemplates(YamlNodeReader reader, YamlNode node, string field)
    {
        if (reader.StringList(node, field, allowEmpty: false) is not { } items)
        {
            return null;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (TemplateParser.TryParse(items[i].Value, out var problem) is null)
            {
                reader.Error(items[i].Node, FieldPath.Index(field, i), ConfigErrorCodes.InvalidTemplate, $"malformed template: {problem}");
            }
        }

        return items.Select(x => x.Value).ToList();
    }

    private static string? Required(YamlNodeReader reader, Dictionary<string, YamlNode> map, YamlNode root, string key) =>
        map.TryGetValue(key, out var node) ? reader.String(node, key) : Missing<string>(reader, root, key);

    private static T? Missing<T>(YamlNodeReader reader, YamlNode root, string key)
        where T : class
    {
        reader.Error(root, key, ConfigErrorCodes.MissingKey, $"`{key}` is required");
        return null;
    }

    private static string? ReadName(YamlNodeReader reader, YamlNode node, string name)
    {
        if (ToolName().IsMatch(name))
        {
            return name;
        }

        reader.Error(node, "name", ConfigErrorCodes.InvalidManifestName, $"`{name}` is not a tool name: use lower-case letters, digits and `-`, starting with a letter");
        return null;
    }

    private static ToolAccess? ReadAccess(YamlNodeReader reader, YamlNode node, string value)
    {
        switch (value)
        {
            case "read": return ToolAccess.Read;
            case "write": return ToolAccess.Write;
            case "destructive": return ToolAccess.Destructive;
            default:
                reader.Error(node, "access", ConfigErrorCodes.InvalidValue, $"`{value}` is not an access level{Suggestions.Hint(value, Accesses)}: use `read`, `write` or `destructive`");
                return null;
        }
    }

    private static void CheckRole(YamlNodeReader reader, Dictionary<string, YamlNode> map, YamlNode root, ToolAccess? access, string? role, IReadOnlyList<IamStatementTemplate> iam)
    {
        var roleNode = map.GetValueOrDefault("role") ?? root;
        var expected = access == ToolAccess.Read ? "read" : "deploy";
        if (role is null && map.ContainsKey("role"))
        {
            return;
        }

        if (role is null && access is ToolAccess.Write or ToolAccess.Destructive)
        {
            reader.Error(root, "role", ConfigErrorCodes.InconsistentManifest, "write and destructive tools call AWS: add `role: deploy`");
        }
        else if (role is not null && access is not null && role != expected)
        {
            reader.Error(roleNode, "role", ConfigErrorCodes.InconsistentManifest, $"a {access.Value.ToString().ToLowerInvariant()} tool uses `role: {expected}`, not `{role}`");
        }

        if (role is not null && !map.ContainsKey("iam"))
        {
            reader.Error(root, "iam", ConfigErrorCodes.InconsistentManifest, "a tool with a role calls AWS: list its session-policy statements under `iam`");
        }
        else if (role is null && iam.Count > 0)
        {
            reader.Error(map["iam"], "iam", ConfigErrorCodes.InconsistentManifest, "a tool without `role` calls no AWS API, so it has no session policy: remove `iam` or add a role");
        }
    }

    private static ApprovalRequirement ReadApproval(YamlNodeReader reader, YamlNode node)
    {
        switch (reader.String(node, "approval"))
        {
            case "none": return ApprovalRequirement.None;
            case "required": return ApprovalRequirement.Required;
            case { } other:
                reader.Error(node, "approval", ConfigErrorCodes.InvalidApproval, $"`{other}` is not a manifest approval: use `none` or `required`");
                return ApprovalRequirement.Required;
            default: return ApprovalRequirement.Required;
        }
    }

    private static (IReadOnlyList<string> Blobs, IReadOnlyList<string> Mask) ReadRedact(YamlNodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "redact", RedactKeys) is not { } map)
        {
            return ([], []);
        }

        var blobs = map.TryGetValue("blobs", out var b) ? reader.StringList(b, "redact.blobs", allowEmpty: true) : null;
        var mask = map.TryGetValue("mask", out var m) ? reader.StringList(m, "redact.mask", allowEmpty: true) : null;
        return ((blobs ?? []).Select(x => x.Value).ToList(), (mask ?? []).Select(x => x.Value).ToList());
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolName();
}
