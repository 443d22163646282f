using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads the <c>identity</c>, <c>files</c> and <c>store</c> sections.</summary>
internal static class LocalSectionsReader
{
    private static readonly string[] IdentityKeys = ["developer", "project"];
    private static readonly string[] FilesKeys = ["roots"];
    private static readonly string[] StoreKeys = ["sqlite", "postgres"];

    public static IdentityConfig ReadIdentity(YamlNodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "identity", IdentityKeys) is not { } map)
        {
            return new IdentityConfig();
        }

        string? developer = null;
        if (map.TryGetValue("developer", out var d) && reader.String(d, "identity.developer") is { } dev)
        {
            if (ConfigPatterns.SourceIdentity().IsMatch(dev))
            {
                developer = dev;
            }
            else
            {
                reader.Error(d, "identity.developer", ConfigErrorCodes.InvalidIdentity,
                    "must be 2–64 characters of letters, digits and `_+=,.@-` (it becomes the STS SourceIdentity)");
            }
        }

        string? project = null;
        if (map.TryGetValue("project", out var p) && reader.String(p, "identity.project") is { } proj)
        {
            if (ConfigPatterns.TagValue().IsMatch(proj))
            {
                project = proj;
            }
            else
            {
                reader.Error(p, "identity.project", ConfigErrorCodes.InvalidIdentity,
                    "must be 1–256 characters of letters, digits, spaces and `_.:/=+-@` (it becomes an STS session tag)");
            }
        }

        return new IdentityConfig { Developer = developer, Project = project };
    }

    /// <summary>Reads a <c>files</c> mapping: the top-level section, or <c>server.files</c> (<paramref name="section"/>).</summary>
    public static FilesConfig ReadFiles(YamlNodeReader reader, YamlNode node, string? home, string section = "files")
    {
        if (reader.Mapping(node, section, FilesKeys) is not { } map || !map.TryGetValue("roots", out var rootsNode))
        {
            return new FilesConfig();
        }

        var roots = new List<string>();
        var rootsField = FieldPath.Child(section, "roots");
        var items = reader.StringList(rootsNode, rootsField, allowEmpty: true) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var (itemNode, value) = items[i];
            var field = FieldPath.Index(rootsField, i);
            if (HomePaths.Expand(value, home, out var problem) is not { } path)
            {
                reader.Error(itemNode, field, ConfigErrorCodes.InvalidPath, problem ?? "invalid path");
            }
            else if (Path.GetPathRoot(path) == path)
            {
                reader.Error(itemNode, field, ConfigErrorCodes.InvalidPath, "a file-system root would let `path` arguments read every file, credentials included: name a project folder");
            }
            else
            {
                roots.Add(path);
            }
        }

        return new FilesConfig { Roots = roots };
    }

    public static StoreConfig ReadStore(YamlNodeReader reader, YamlNode node, string? home)
    {
        if (reader.Mapping(node, "store", StoreKeys) is not { } map)
        {
            return new StoreConfig();
        }

        string? postgres = null;
        if (map.TryGetValue("postgres", out var pg) && reader.String(pg, "store.postgres") is { } connection)
        {
            // The value holds a password: no message ever quotes it.
            if (string.IsNullOrWhiteSpace(connection))
            {
                reader.Error(pg, "store.postgres", ConfigErrorCodes.InvalidStore,
                    "`store.postgres` is empty: give an Npgsql connection string (Host=…;Database=…;Username=…;Password=…)");
            }
            else
            {
                postgres = connection;
            }
        }

        string? sqlite = null;
        if (map.TryGetValue("sqlite", out var s) && reader.String(s, "store.sqlite") is { } text)
        {
            sqlite = HomePaths.Expand(text, home, out var problem);
            if (sqlite is null)
            {
                reader.Error(s, "store.sqlite", ConfigErrorCodes.InvalidPath, problem ?? "invalid path");
            }
        }

        if (map.ContainsKey("postgres") && map.TryGetValue("sqlite", out var both))
        {
            // Fail closed: which of two stores holds the audit log must never be a guess.
            reader.Error(both, "store.sqlite", ConfigErrorCodes.InvalidStore,
                "`store.sqlite` and `store.postgres` are both set: choose one store");
            return new StoreConfig();
        }

        return new StoreConfig { Sqlite = sqlite, Postgres = postgres };
    }

    public static void RejectUnsupported(YamlNodeReader reader, YamlNode keyNode, string field)
    {
        reader.Error(keyNode, field, ConfigErrorCodes.UnsupportedSection,
            $"`{field}` is not supported by this version of Sentrely: remove it; a {Noun(field)} that is configured but not enforced would be a silently weaker policy");
    }

    private static string Noun(string field) => field switch
    {
        "limits" => "limit",
        "server" => "server setting",
        _ => "setting",
    };
}
