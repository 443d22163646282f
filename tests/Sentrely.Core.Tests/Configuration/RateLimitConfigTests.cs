using Sentrely.Configuration;
using Sentrely.Limits;

namespace Sentrely.Core.Tests.Configuration;

public sealed class RateLimitConfigTests
{
    private static string Limits(params string[] items) =>
        "policy:\n  rateLimits:\n" + string.Concat(items.Select(i => $"    - {i}\n"));

    [Fact]
    public void Parse_DesignExample_BuildsRateLimitRules()
    {
        // Arrange
        var yaml = Limits(
            """{ id: writes, tools: ["put-*", "update-*", "run-*", "start-*", "stop-*"], per: session, limit: 30/hour }""",
            """{ id: all, tools: ["*"], per: developer, limit: 600/hour }""");

        // Act
        var limits = ConfigAssert.Valid(yaml).Policy.RateLimits;

        // Assert
        Assert.Equal(2, limits.Count);
        Assert.Equal(("writes", RateLimitScope.Session, 30, RateLimitPeriod.Hour, "sentrely.yaml:3"), (limits[0].Id, limits[0].Per, limits[0].Count, limits[0].Period, limits[0].Source));
        Assert.Equal(["put-*", "update-*", "run-*", "start-*", "stop-*"], limits[0].Tools);
        Assert.Equal(("all", RateLimitScope.Developer, 600), (limits[1].Id, limits[1].Per, limits[1].Count));
        Assert.Equal("30/hour per session", limits[0].Describe());
    }

    [Theory]
    [InlineData("1/second", 1, RateLimitPeriod.Second, 1)]
    [InlineData("3/minute", 3, RateLimitPeriod.Minute, 60)]
    [InlineData("1000000/day", 1_000_000, RateLimitPeriod.Day, 86_400)]
    public void Parse_Limit_CountAndPeriod(string text, int count, RateLimitPeriod period, int seconds)
    {
        // Act
        var limit = Assert.Single(ConfigAssert.Valid(Limits($"{{ id: l, tools: [get-function], per: global, limit: {text} }}")).Policy.RateLimits);

        // Assert
        Assert.Equal((count, period, TimeSpan.FromSeconds(seconds)), (limit.Count, limit.Period, limit.PeriodLength));
    }

    [Theory]
    [InlineData("session", RateLimitScope.Session)]
    [InlineData("developer", RateLimitScope.Developer)]
    [InlineData("project", RateLimitScope.Project)]
    [InlineData("global", RateLimitScope.Global)]
    public void Parse_Per_EveryScope(string text, RateLimitScope scope)
    {
        // Act
        var limit = Assert.Single(ConfigAssert.Valid(Limits($"{{ id: l, tools: [\"*\"], per: {text}, limit: 1/day }}")).Policy.RateLimits);

        // Assert
        Assert.Equal(scope, limit.Per);
    }

    [Theory]
    [InlineData("", "policy:\n  rules: []\n")]
    [InlineData("empty", "policy:\n  rateLimits:\n")]
    [InlineData("empty list", "policy:\n  rateLimits: []\n")]
    public void Parse_NoRateLimits_Empty(string because, string yaml)
    {
        // Act
        var config = ConfigAssert.Valid(yaml);

        // Assert
        Assert.True(config.Policy.RateLimits.Count == 0, because);
    }

    [Fact]
    public void Parse_HoursInsteadOfHour_SaysTheAcceptedUnits()
    {
        // Act
        var error = ConfigAssert.Single(Limits("{ id: writes, tools: [\"put-*\"], per: session, limit: 30/hours }"));

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidRateLimit, "policy.rateLimits[0].limit", 3), (error.Code, error.Field, error.Line));
        Assert.Contains("`30/hours` is not a rate limit (did you mean `hour`?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("N/second, N/minute, N/hour or N/day", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("0/hour")]
    [InlineData("-1/hour")]
    [InlineData("+5/hour")]
    [InlineData("1000001/hour")]
    [InlineData("99999999999/hour")]
    [InlineData("30 / hour")]
    [InlineData("30/Hour")]
    [InlineData("30/week")]
    [InlineData("1.5/hour")]
    [InlineData("/hour")]
    [InlineData("\"30/hour/day\"")]
    [InlineData("３０/hour")]
    public void Parse_UnparseableLimit_Error(string text)
    {
        // Act
        var error = ConfigAssert.Single(Limits($"{{ id: l, tools: [\"*\"], per: session, limit: {text} }}"));

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidRateLimit, error.Code);
        Assert.Equal("policy.rateLimits[0].limit", error.Field);
    }

    [Fact]
    public void Parse_DuplicateId_ErrorNamesFirstLine()
    {
        // Act
        var error = ConfigAssert.Single(Limits(
            "{ id: writes, tools: [\"put-*\"], per: session, limit: 30/hour }",
            "{ id: writes, tools: [\"update-*\"], per: session, limit: 5/hour }"));

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidRateLimitId, "policy.rateLimits[1].id", 4), (error.Code, error.Field, error.Line));
        Assert.Contains("already used on line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IdSharedWithRule_Allowed()
    {
        // Arrange
        var yaml = "policy:\n  rules:\n    - { id: writes, effect: allow, tools: [\"put-*\"] }\n"
            + "  rateLimits:\n    - { id: writes, tools: [\"put-*\"], per: session, limit: 30/hour }\n";

        // Act
        var policy = ConfigAssert.Valid(yaml).Policy;

        // Assert
        Assert.Equal("writes", Assert.Single(policy.Rules).Id);
        Assert.Equal("writes", Assert.Single(policy.RateLimits).Id);
    }

    [Theory]
    [InlineData("{ id: \"has space\", tools: [\"*\"], per: session, limit: 1/hour }", "policy.rateLimits[0].id", ConfigErrorCodes.InvalidRateLimitId)]
    [InlineData("{ id: a, tools: [put-artifacts], per: session, limit: 1/hour }", "policy.rateLimits[0].tools[0]", ConfigErrorCodes.UnknownTool)]
    [InlineData("{ id: a, tools: [\"delete-*\"], per: session, limit: 1/hour }", "policy.rateLimits[0].tools[0]", ConfigErrorCodes.UnknownTool)]
    [InlineData("{ id: a, tools: [\"put/*\"], per: session, limit: 1/hour }", "policy.rateLimits[0].tools[0]", ConfigErrorCodes.InvalidGlob)]
    [InlineData("{ id: a, tools: [], per: session, limit: 1/hour }", "policy.rateLimits[0].tools", ConfigErrorCodes.MissingKey)]
    [InlineData("{ id: a, tools: put-build-artifact, per: session, limit: 1/hour }", "policy.rateLimits[0].tools", ConfigErrorCodes.WrongType)]
    [InlineData("{ id: a, tools: [\"*\"], per: sesion, limit: 1/hour }", "policy.rateLimits[0].per", ConfigErrorCodes.InvalidValue)]
    [InlineData("{ id: a, tools: [\"*\"], per: [session], limit: 1/hour }", "policy.rateLimits[0].per", ConfigErrorCodes.WrongType)]
    [InlineData("{ id: a, tools: [\"*\"], per: session, limit: 1/hour, burst: 5 }", "policy.rateLimits[0].burst", ConfigErrorCodes.UnknownKey)]
    [InlineData("{ tools: [\"*\"], per: session, limit: 1/hour }", "policy.rateLimits[0].id", ConfigErrorCodes.MissingKey)]
    [InlineData("{ id: a, per: session, limit: 1/hour }", "policy.rateLimits[0].tools", ConfigErrorCodes.MissingKey)]
    [InlineData("{ id: a, tools: [\"*\"], limit: 1/hour }", "policy.rateLimits[0].per", ConfigErrorCodes.MissingKey)]
    [InlineData("{ id: a, tools: [\"*\"], per: session }", "policy.rateLimits[0].limit", ConfigErrorCodes.MissingKey)]
    [InlineData("writes", "policy.rateLimits[0]", ConfigErrorCodes.WrongType)]
    public void Parse_BadItem_OneErrorWithFieldAndCode(string item, string field, string code)
    {
        // Act
        var error = ConfigAssert.Single(Limits(item));

        // Assert
        Assert.Equal((code, field), (error.Code, error.Field));
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Parse_MisspeltPer_Suggests()
    {
        // Act
        var error = ConfigAssert.Single(Limits("{ id: a, tools: [\"*\"], per: develper, limit: 1/hour }"));

        // Assert
        Assert.Contains("did you mean `developer`?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspeltKey_SuggestsAndReportsTheMissingKey()
    {
        // Act
        var errors = ConfigAssert.Invalid(Limits("{ id: a, tool: [\"*\"], per: session, limit: 1/hour }"));

        // Assert
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Code == ConfigErrorCodes.UnknownKey && e.Message.Contains("did you mean `tools`?", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == ConfigErrorCodes.MissingKey && e.Field == "policy.rateLimits[0].tools");
    }

    [Fact]
    public void Parse_RateLimitsNotAList_WrongType()
    {
        // Act
        var error = ConfigAssert.Single("policy:\n  rateLimits: { id: a }\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.WrongType, "policy.rateLimits"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_SeveralBadLimits_ReportsEveryOne()
    {
        // Act
        var errors = ConfigAssert.Invalid(Limits(
            "{ id: a, tools: [nope], per: session, limit: 1/hour }",
            "{ id: b, tools: [\"*\"], per: session, limit: 1/fortnight }"));

        // Assert
        Assert.Equal([ConfigErrorCodes.UnknownTool, ConfigErrorCodes.InvalidRateLimit], errors.Select(e => e.Code));
    }
}
