using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

/// <summary>Parses configuration text in tests and asserts on the errors.</summary>
internal static class ConfigAssert
{
    public const string Home = "/home/jordan";

    public static SentrelyConfig Valid(string yaml) =>
        SentrelyConfigLoader.Parse(yaml, "sentrely.yaml", DesignToolCatalog.Instance, Home);

    public static IReadOnlyList<ConfigError> Invalid(string yaml)
    {
        var ex = Assert.Throws<ConfigException>(() => SentrelyConfigLoader.Parse(yaml, "sentrely.yaml", DesignToolCatalog.Instance, Home));
        Assert.NotEmpty(ex.Errors);
        return ex.Errors;
    }

    public static ConfigError Single(string yaml)
    {
        var errors = Invalid(yaml);
        return Assert.Single(errors);
    }
}
