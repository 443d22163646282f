using Sentrely.Configuration;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Configuration;

public sealed class LimitsSectionTests
{
    [Fact]
    public void Parse_FullEc2Limits_ReadsCapsAndPrices()
    {
        // Arrange
        var yaml = "limits:\n  ec2:\n    maxRunningPerSession: 4\n    maxRunningPerDeveloper: 10\n    maxHourlyCostPerSession: 2.50\n    prices: { \"t3.micro\": 0.0104, \"x9.huge\": 7 }\n";

        // Act
        var ec2 = ConfigAssert.Valid(yaml).Limits.Ec2!;

        // Assert
        Assert.Equal((4, 10, 2.50m), (ec2.MaxRunningPerSession, ec2.MaxRunningPerDeveloper, ec2.MaxHourlyCostPerSession));
        Assert.Equal(new Dictionary<string, decimal> { ["t3.micro"] = 0.0104m, ["x9.huge"] = 7m }, ec2.Prices);
        Assert.True(ec2.HasCaps);
    }

    [Theory]
    [InlineData("aws: {}\n")]
    [InlineData("limits:\n")]
    [InlineData("limits: {}\n")]
    [InlineData("limits:\n  ec2:\n")]
    public void Parse_NoEc2Limits_AllOff(string yaml)
    {
        // Act
        var config = ConfigAssert.Valid(yaml);

        // Assert
        Assert.Null(config.Limits.Ec2);
    }

    [Fact]
    public void Parse_PricesWithoutCaps_NoCapIsOn()
    {
        // Act
        var ec2 = ConfigAssert.Valid("limits:\n  ec2: { prices: { \"t3.micro\": 0.01 } }\n").Limits.Ec2!;

        // Assert
        Assert.False(ec2.HasCaps);
    }

    [Theory]
    [InlineData("limits:\n  ec2: { maxRunningPerSesion: 4 }\n", "limits.ec2.maxRunningPerSesion", "did you mean `maxRunningPerSession`")]
    [InlineData("limits:\n  rds: {}\n", "limits.rds", "unknown key `rds`")]
    [InlineData("limits:\n  ec2: { maxRunningPerSession: -1 }\n", "limits.ec2.maxRunningPerSession", "whole number from 0")]
    [InlineData("limits:\n  ec2: { maxRunningPerDeveloper: many }\n", "limits.ec2.maxRunningPerDeveloper", "whole number from 0")]
    [InlineData("limits:\n  ec2: { maxRunningPerSession: 2.5 }\n", "limits.ec2.maxRunningPerSession", "whole number from 0")]
    [InlineData("limits:\n  ec2: { maxHourlyCostPerSession: -0.01 }\n", "limits.ec2.maxHourlyCostPerSession", "must be from 0")]
    [InlineData("limits:\n  ec2: { maxHourlyCostPerSession: \"$2.50\" }\n", "limits.ec2.maxHourlyCostPerSession", "no currency sign")]
    [InlineData("limits:\n  ec2: { maxHourlyCostPerSession: 1e3 }\n", "limits.ec2.maxHourlyCostPerSession", "not a number")]
    [InlineData("limits:\n  ec2: { maxHourlyCostPerSession: [1] }\n", "limits.ec2.maxHourlyCostPerSession", "single value")]
    [InlineData("limits:\n  ec2: { prices: { \"t3.*\": 0.01 } }\n", "limits.ec2.prices.t3.*", "not an instance type")]
    [InlineData("limits:\n  ec2: { prices: { \"T3.Micro\": 0.01 } }\n", "limits.ec2.prices.T3.Micro", "not an instance type")]
    [InlineData("limits:\n  ec2: { prices: { micro: 0.01 } }\n", "limits.ec2.prices.micro", "not an instance type")]
    [InlineData("limits:\n  ec2: { prices: { \"t3.micro\": -1 } }\n", "limits.ec2.prices.t3.micro", "must be from 0")]
    [InlineData("limits:\n  ec2: { prices: { \"t3.micro\": cheap } }\n", "limits.ec2.prices.t3.micro", "not a number")]
    [InlineData("limits:\n  ec2: { prices: [t3.micro] }\n", "limits.ec2.prices", "expected a mapping")]
    [InlineData("limits:\n  ec2: 4\n", "limits.ec2", "expected a mapping")]
    public void Parse_MalformedLimit_OneErrorNamingTheField(string yaml, string field, string expected)
    {
        // Act
        var error = ConfigAssert.Single(yaml);

        // Assert
        Assert.Equal(field, error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.NotEqual(ConfigErrorCodes.UnsupportedSection, error.Code);
    }

    [Fact]
    public void Parse_SeveralBadLimits_EveryErrorWithFileAndLine()
    {
        // Arrange
        var yaml = "limits:\n  ec2:\n    maxRunningPerSession: -4\n    maxHourlyCostPerSession: lots\n    prices:\n      \"not a type\": 1\n";

        // Act
        var errors = ConfigAssert.Invalid(yaml);

        // Assert
        Assert.Equal([3, 4, 6], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal("sentrely.yaml", e.File));
        Assert.All(errors, e => Assert.Equal(ConfigErrorCodes.InvalidValue, e.Code));
    }

    [Fact]
    public void ExampleConfig_Ec2Limits_Loaded()
    {
        // Act
        var config = SentrelyConfigLoader.Load(Path.Combine(RepositoryRoot.Path, "examples", "sentrely.yaml"), DesignToolCatalog.Instance);

        // Assert
        var ec2 = config.Limits.Ec2!;
        Assert.Equal((4, 10, 2.50m), (ec2.MaxRunningPerSession, ec2.MaxRunningPerDeveloper, ec2.MaxHourlyCostPerSession));
        Assert.Equal(0.0104m, ec2.Prices["t3.micro"]);
    }
}
