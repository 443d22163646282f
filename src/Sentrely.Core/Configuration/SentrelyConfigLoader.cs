using System.Security.Cryptography;
using System.Text;

namespace Sentrely.Configuration;

/// <summary>
/// Loads <c>sentrely.yaml</c> strictly: unknown keys, malformed values, unknown tools and sections this
/// version does not enforce are all errors, reported together with file, line, column and field.
/// </summary>
public static class SentrelyConfigLoader
{
    /// <summary>The largest configuration file accepted, in bytes.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private static readonly string[] Sections = ["aws", "identity", "files", "store", "policy", "approvals", "limits", "server", "telemetry"];
    private static readonly string[] UnsupportedSections = [];

    /// <summary>Reads and validates the configuration file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="tools">The known tools and their argument names.</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="ConfigException">The file cannot be read or is invalid; carries every error.</exception>
    public static SentrelyConfig Load(string path, ToolCatalog tools)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tools);
        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                throw Single(path, ConfigErrorCodes.FileNotFound, $"the file is larger than {MaxFileBytes} bytes: a configuration is never that big");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Single(path, ConfigErrorCodes.FileNotFound, $"cannot read the configuration file: {ex.Message}");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Single(path, ConfigErrorCodes.YamlSyntax, "the file is not valid UTF-8: save it as UTF-8");
        }

        return ParseCore(text, path, tools, bytes, HomePaths.Home(Environment.GetEnvironmentVariable));
    }

    /// <summary>Validates configuration text; <paramref name="fileName"/> is used in errors and as <see cref="SentrelyConfig.SourcePath"/>.</summary>
    /// <param name="yamlText">The YAML text.</param>
    /// <param name="fileName">The name to report errors against.</param>
    /// <param name="tools">The known tools and their argument names.</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="ConfigException">The text is invalid; carries every error.</exception>
    public static SentrelyConfig Parse(string yamlText, string fileName, ToolCatalog tools) =>
        Parse(yamlText, fileName, tools, HomePaths.Home(Environment.GetEnvironmentVariable));

    /// <summary>Like the public overload, with an explicit home directory for <c>~</c> expansion (tests).</summary>
    internal static SentrelyConfig Parse(string yamlText, string fileName, ToolCatalog tools, string? home)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(tools);
        return ParseCore(yamlText, fileName, tools, Encoding.UTF8.GetBytes(yamlText), home);
    }

    private static SentrelyConfig ParseCore(string text, string fileName, ToolCatalog tools, byte[] bytes, string? home)
    {
        if (bytes.Length > MaxFileBytes)
        {
            throw Single(fileName, ConfigErrorCodes.FileNotFound, $"the configuration is larger than {MaxFileBytes} bytes");
        }

        var reader = new YamlNodeReader(fileName);
        var config = new SentrelyConfig
        {
            SourcePath = fileName,
            SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };

        var root = reader.ParseDocument(text.TrimStart('\uFEFF'));
        if (root is not null && reader.MappingWithKeys(root, "", Sections) is { } map)
        {
            foreach (var section in UnsupportedSections.Where(map.ContainsKey))
            {
                LocalSectionsReader.RejectUnsupported(reader, map[section].Key, section);
            }

            // The policy reads the AWS section: a rule's resource patterns are checked against the configured partition and region.
            var aws = Section(map, "aws") is { } awsNode ? AwsSectionReader.Read(reader, awsNode) : config.Aws;
            config = config with
            {
                Aws = aws,
                Identity = Section(map, "identity") is { } identity ? LocalSectionsReader.ReadIdentity(reader, identity) : config.Identity,
                Files = Section(map, "files") is { } files ? LocalSectionsReader.ReadFiles(reader, files, home) : config.Files,
                Store = Section(map, "store") is { } store ? LocalSectionsReader.ReadStore(reader, store, home) : config.Store,
                Policy = Section(map, "policy") is { } policy ? PolicySectionReader.Read(reader, policy, tools, aws) : config.Policy,
                Approvals = Section(map, "approvals") is { } approvals ? ApprovalsSectionReader.Read(reader, approvals) : config.Approvals,
                Limits = Section(map, "limits") is { } limits ? LimitsSectionReader.Read(reader, limits) : config.Limits,
                Telemetry = Section(map, "telemetry") is { } telemetry ? TelemetrySectionReader.Read(reader, telemetry) : config.Telemetry,
                Server = Section(map, "server") is { } server ? ServerSectionReader.Read(reader, server, home) : config.Server,
            };
        }

        if (reader.Errors.Count > 0)
        {
            throw new ConfigException(reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        }

        return config;
    }

    // A section written with no value (`aws:`) is treated as absent.
    private static YamlDotNet.RepresentationModel.YamlNode? Section(Dictionary<string, (YamlDotNet.RepresentationModel.YamlNode Key, YamlDotNet.RepresentationModel.YamlNode Value)> map, string name) =>
        map.TryGetValue(name, out var entry) && !YamlNodeReader.IsNull(entry.Value) ? entry.Value : null;

    private static ConfigException Single(string file, string code, string message) =>
        new([new ConfigError(file, 0, 0, "", code, message)]);
}
