using Sentrely.TestUtilities;
using System.Security.Cryptography;
using System.Text;
using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public class SentrelyConfigLoaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("aws:\n  region: eu-west-1\n")]
    public void Parse_NoPolicy_ValidWithNoRules(string yaml)
    {
        // Act
        var config = ConfigAssert.Valid(yaml);

        // Assert
        Assert.Empty(config.Policy.Rules);
    }

    [Fact]
    public void Parse_MisspeltKeyInRule_ReportsLineColumnFieldAndSuggestion()
    {
        // Arrange
        var yaml = "policy:\n  rules:\n    - id: a\n      effect: deny\n      tools: [\"*\"]\n      resource: [\"arn:aws:s3:::prod/*\"]\n";

        // Act
        var error = ConfigAssert.Single(yaml);

        // Assert
        Assert.Equal(("sentrely.yaml", 6, 7), (error.File, error.Line, error.Column));
        Assert.Equal("policy.rules[0].resource", error.Field);
        Assert.Equal(ConfigErrorCodes.UnknownKey, error.Code);
        Assert.Contains("did you mean `resources`?", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("sentrely.yaml:6:7: SEN1003 policy.rules[0].resource: unknown key `resource`", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_Error()
    {
        // Act
        var error = ConfigAssert.Single("polcy:\n  rules: []\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.UnknownKey, error.Code);
        Assert.Contains("did you mean `policy`?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneInFileOrder()
    {
        // Arrange
        var yaml = "aws:\n  region: Mars\n  acountId: \"1\"\nidentity:\n  developer: \"j\"\npolicy:\n  rules:\n    - id: x\n      effect: maybe\n      tools: [nope]\n";

        // Act
        var errors = ConfigAssert.Invalid(yaml);

        // Assert
        Assert.Equal([2, 3, 5, 9, 10], errors.Select(e => e.Line));
        Assert.Equal(
            [ConfigErrorCodes.InvalidRegion, ConfigErrorCodes.UnknownKey, ConfigErrorCodes.InvalidIdentity, ConfigErrorCodes.InvalidValue, ConfigErrorCodes.UnknownTool],
            errors.Select(e => e.Code));
    }

    [Fact]
    public void Parse_ServerSection_Supported()
    {
        // Act
        var config = ConfigAssert.Valid("approvals: {}\nserver:\n  allowedHosts: [localhost]\ntelemetry: {}\n");

        // Assert
        Assert.Equal(["localhost"], config.Server.AllowedHosts);
    }

    [Theory]
    [InlineData("aws: [1\n")]
    [InlineData("aws: {}\n---\npolicy: {}\n")]
    [InlineData("policy:\n  rules: []\npolicy:\n  rules: []\n")]
    [InlineData("base: &b { id: x }\npolicy:\n  rules: [*b]\n")]
    public void Parse_BadYaml_SyntaxError(string yaml)
    {
        // Act
        var errors = ConfigAssert.Invalid(yaml);

        // Assert
        Assert.Contains(errors, e => e.Code == ConfigErrorCodes.YamlSyntax && e.Line > 0);
    }

    // Inputs the fuzzer found (fuzz/corpus/config/crash-*): YamlDotNet answered them with InvalidOperationException or
    // ArgumentException instead of YamlException, which escaped the loader.
    [Theory]
    [InlineData("!!+a \"\\u0000\"")]
    [InlineData("...\n}")]
    [InlineData("?\r\r[\r>\r")]
    [InlineData("-\n{\nz")]
    [InlineData(" : !")]
    [InlineData(":\r?\0:")]
    public void Parse_InputYamlDotNetFaultsOn_SyntaxErrorNotCrash(string yaml)
    {
        // Act
        var errors = ConfigAssert.Invalid(yaml);

        // Assert
        Assert.Contains(errors, e => e.Code == ConfigErrorCodes.YamlSyntax && e.Message.StartsWith("invalid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RootIsList_WrongType()
    {
        // Act
        var error = ConfigAssert.Single("- aws\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.WrongType, error.Code);
    }

    [Fact]
    public void Load_File_SetsSourcePathAndSha256OfBytes()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"sentrely-{Guid.NewGuid():N}.yaml");
        var bytes = Encoding.UTF8.GetBytes("aws:\n  region: eu-west-1\n");
        File.WriteAllBytes(path, bytes);
        try
        {
            // Act
            var config = SentrelyConfigLoader.Load(path, DesignToolCatalog.Instance);

            // Assert
            Assert.Equal(path, config.SourcePath);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), config.SourceSha256);
            Assert.Equal("eu-west-1", config.Aws.Region);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_FileNotFoundError()
    {
        // Act
        var ex = Assert.Throws<ConfigException>(() => SentrelyConfigLoader.Load("/nonexistent/sentrely.yaml", DesignToolCatalog.Instance));

        // Assert
        Assert.Equal(ConfigErrorCodes.FileNotFound, Assert.Single(ex.Errors).Code);
    }

    [Fact]
    public void ConfigException_Message_ListsEveryError()
    {
        // Act
        var ex = Assert.Throws<ConfigException>(() => ConfigAssert.Valid("aws:\n  region: x\n  partition: y\n"));

        // Assert
        Assert.Contains("sentrely.yaml:2:11: SEN1010 aws.region", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sentrely.yaml:3:14: SEN1011 aws.partition", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExampleConfig_LoadsWithoutErrors()
    {
        // Arrange
        var path = Path.Combine(RepositoryRoot.Path, "examples", "sentrely.yaml");

        // Act
        var config = SentrelyConfigLoader.Load(path, DesignToolCatalog.Instance);

        // Assert
        Assert.Equal("111122223333", config.Aws.AccountId);
        Assert.Equal(["read", "deploy"], config.Aws.Roles.Keys.Order(StringComparer.Ordinal).Reverse());
        Assert.Contains(config.Policy.Rules, r => r.Id == "never-prod" && r.Effect == Sentrely.Policy.PolicyEffect.Deny);
        Assert.True(config.Policy.Rules.Count >= 5);
        Assert.Contains(config.Policy.RateLimits, l => l.Id == "writes" && l.Describe() == "30/hour per session");
    }
}
