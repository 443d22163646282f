using System.Text.Json;
using Json.Schema;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;
using Sentrely.Policy;
using Sentrely.TestUtilities;
using YamlDotNet.RepresentationModel;

namespace Sentrely.EndToEnd.Tests.Policy;

/// <summary><c>sentrely.schema.json</c> stays a valid JSON Schema that describes what the loader accepts.</summary>
public sealed class SchemaFileTests
{
    // DESIGN.md's top-level sections and policy keys: the candidates whose acceptance the loader decides.
    private static readonly string[] DesignSections = ["aws", "identity", "files", "store", "approvals", "limits", "server", "telemetry", "policy"];
    private static readonly string[] DesignPolicyKeys = ["rules", "rateLimits"];

    private static readonly string SchemaPath = Path.Combine(RepositoryRoot.Path, "sentrely.schema.json");

    private static JsonElement Schema()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        return doc.RootElement.Clone();
    }

    private static JsonElement ExampleAsJson(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return YamlJson.ToJson(stream.Documents[0].RootNode);
    }

    private static bool LoaderAccepts(string yaml)
    {
        try
        {
            SentrelyConfigLoader.Parse(yaml, "t.yaml", new SentrelyTools().Catalog);
            return true;
        }
        catch (ConfigException)
        {
            return false;
        }
    }

    [Fact]
    public void Schema_IsValidDraft202012()
    {
        // Act
        var result = MetaSchemas.Draft202012.Evaluate(Schema());

        // Assert
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema().GetProperty("$schema").GetString());
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Schema_ToolNameEnum_EqualsTheEmbeddedManifests()
    {
        // Act
        var names = Schema().GetProperty("$defs").GetProperty("toolName").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

        // Assert
        Assert.Equal(EmbeddedManifests.Load().Select(m => m.Name).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Schema_TopLevelAndPolicyKeys_EqualWhatTheLoaderAccepts()
    {
        // Arrange
        var root = Schema().GetProperty("properties");
        var policy = root.GetProperty("policy").GetProperty("properties");
        var candidates = DesignSections.Concat(root.EnumerateObject().Select(p => p.Name)).Distinct();
        var policyCandidates = DesignPolicyKeys.Concat(policy.EnumerateObject().Select(p => p.Name)).Distinct();

        // Act
        var accepted = candidates.Where(k => LoaderAccepts($"{k}:\n")).Order(StringComparer.Ordinal);
        var acceptedPolicy = policyCandidates.Where(k => LoaderAccepts($"policy:\n  {k}: []\n")).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(accepted, root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(acceptedPolicy, policy.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.False(Schema().GetProperty("additionalProperties").GetBoolean());
    }

    [Theory]
    [InlineData("{\"store\":{\"postgres\":\"Host=db;Database=s;Username=u;Password=p\"}}", true)]
    [InlineData("{\"store\":{\"sqlite\":\"~/s.db\"}}", true)]
    [InlineData("{\"store\":{\"postgres\":\"\"}}", false)]
    [InlineData("{\"store\":{\"sqlite\":\"~/s.db\",\"postgres\":\"Host=db\"}}", false)]
    public void Schema_StoreSection_AgreesWithTheLoader(string json, bool valid)
    {
        // Arrange
        var schema = JsonSchema.FromText(File.ReadAllText(SchemaPath));
        using var doc = JsonDocument.Parse(json);
        var store = doc.RootElement.GetProperty("store");
        var yaml = "store:\n" + string.Concat(store.EnumerateObject().Select(p => $"  {p.Name}: \"{p.Value.GetString()}\"\n"));

        // Act
        var schemaResult = schema.Evaluate(doc.RootElement).IsValid;
        var loaderResult = LoaderAccepts(yaml);

        // Assert
        Assert.Equal((valid, valid), (schemaResult, loaderResult));
    }

    [Fact]
    public void Schema_ExampleConfig_IsValidAndReferencesTheSchema()
    {
        // Arrange
        var path = Path.Combine(RepositoryRoot.Path, "examples", "sentrely.yaml");
        var schema = JsonSchema.FromText(File.ReadAllText(SchemaPath));

        // Act
        var result = schema.Evaluate(ExampleAsJson(path));

        // Assert
        Assert.True(result.IsValid);
        Assert.Equal("# yaml-language-server: $schema=../sentrely.schema.json", File.ReadLines(path).First());
    }

    [Theory]
    [InlineData("policy:\n  rules:\n    - { id: a, effect: allow, tools: [get-function], resource: [\"*\"] }\n")]
    [InlineData("policy:\n  rules:\n    - { id: a, effect: allow, tools: [get-functions] }\n")]
    [InlineData("policy:\n  rules:\n    - { id: a, effect: permit, tools: [get-function] }\n")]
    [InlineData("aws:\n  regoin: us-east-1\n")]
    [InlineData("approvals:\n  expiry: 2d\n")]
    [InlineData("approvals:\n  webhooks: [\"http://hooks.example.com/x\"]\n")]
    [InlineData("approvals:\n  webhooks: [\"https://u:p@hooks.example.com/x\"]\n")]
    [InlineData("approvals:\n  webhoks: []\n")]
    public void Schema_MistakesTheLoaderRejects_AreInvalidToo(string yaml)
    {
        // Arrange
        var schema = JsonSchema.FromText(File.ReadAllText(SchemaPath));
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));

        // Act
        var result = schema.Evaluate(YamlJson.ToJson(stream.Documents[0].RootNode));

        // Assert
        Assert.False(LoaderAccepts(yaml));
        Assert.False(result.IsValid);
    }
}
