using Sentrely.Configuration;
using Sentrely.Core.Tests.Policy;

namespace Sentrely.Core.Tests.Configuration;

/// <summary>A rule that could never fire does not load: it is a configuration error, not a warning nobody reads.</summary>
public sealed class PolicyRuleReachTests
{
    private static ConfigError Error(string rulesYaml)
    {
        var ex = Assert.Throws<ConfigException>(() => PolicyTestSupport.Config(rulesYaml));
        return Assert.Single(ex.Errors);
    }

    [Theory]
    [InlineData("[put-build-artifact]", "arn:aws:lambda:us-east-1:111122223333:function:*")]
    [InlineData("[update-function-code]", "arn:aws:lambda:eu-west-1:111122223333:function:*")]
    [InlineData("[update-function-code]", "arn:aws-cn:lambda:us-east-1:111122223333:function:*")]
    [InlineData("[stop-instances, terminate-instances]", "arn:aws:ec2:us-east-1:111122223333:instance/web-*")]
    [InlineData("[describe-instances]", "arn:aws:ec2:us-east-1:111122223333:instance/*")]
    [InlineData("[get-function, list-functions]", "arn:aws:s3:::b/*")]
    public void Load_DenyWhosePatternsMeetNoToolResource_FailsWithSEN1040(string tools, string pattern)
    {
        // Act
        var error = Error($"""
                - id: never
                  effect: deny
                  tools: {tools}
                  resources: ["{pattern}"]
            """);

        // Assert
        Assert.Equal(ConfigErrorCodes.UnreachableRule, error.Code);
        Assert.Equal("policy.rules[0].resources", error.Field);
        Assert.Equal(11, error.Line);
        Assert.Contains("can match none of its tools", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotResourcesExcludingEverything_FailsWithSEN1040()
    {
        // Act
        var error = Error("""
                - id: nothing
                  effect: allow
                  tools: [get-build-artifact]
                  notResources: ["*"]
            """);

        // Assert
        Assert.Equal(ConfigErrorCodes.UnreachableRule, error.Code);
        Assert.Equal("policy.rules[0].notResources", error.Field);
    }

    [Fact]
    public void Load_DenyOfPackageBucketForDeploy_LoadsBecauseThePackageIsASecondaryResource()
    {
        // Act
        var config = PolicyTestSupport.Config("""
                - id: no-secrets
                  effect: deny
                  tools: [update-function-code]
                  resources: ["arn:aws:s3:::acme-secrets/*"]
            """);

        // Assert
        Assert.Single(config.Policy.Rules);
    }

    [Fact]
    public void Load_DenyOfKeyPairForLaunch_LoadsBecauseTheKeyPairIsASecondaryResource()
    {
        // Act
        var config = PolicyTestSupport.Config("""
                - id: no-prod-keys
                  effect: deny
                  tools: [run-instances]
                  resources: ["arn:aws:ec2:*:*:key-pair/prod-*"]
            """);

        // Assert
        Assert.Single(config.Policy.Rules);
    }

    [Fact]
    public void Load_AllowOfPackageBucketForDeploy_FailsWithSEN1040BecauseAllowsMatchTheMainResourceOnly()
    {
        // Act
        var error = Error("""
                - id: from-builds
                  effect: allow
                  tools: [update-function-code]
                  resources: ["arn:aws:s3:::acme-builds/*"]
            """);

        // Assert
        Assert.Equal(ConfigErrorCodes.UnreachableRule, error.Code);
    }

    [Fact]
    public void Load_WildcardDenyReachingSomeTools_Loads()
    {
        // Act
        var config = PolicyTestSupport.Config("""
                - id: never-prod
                  effect: deny
                  tools: ["*"]
                  resources: ["arn:aws:*:*:*:*prod*"]
            """);

        // Assert
        Assert.Single(config.Policy.Rules);
    }

    [Theory]
    [InlineData("when: { instanceType: [\"!t3.*\"] }", "policy.rules[0].when.instanceType")]
    [InlineData("when: { instanceType: { not: [\"!t3.*\"] } }", "policy.rules[0].when.instanceType.not")]
    [InlineData("when: { tags: { \"!Team\": [web] } }", "policy.rules[0].when.tags.!Team")]
    [InlineData("principals: { developers: [\"!jordan\"] }", "policy.rules[0].principals.developers")]
    public void Load_ValueStartingWithBang_FailsWithSEN1038(string scope, string field)
    {
        // Act
        var error = Error($"""
                - id: bang
                  effect: deny
                  tools: [run-instances]
                  {scope}
            """);

        // Assert
        Assert.Equal(ConfigErrorCodes.BangValue, error.Code);
        Assert.Equal(field, error.Field);
        Assert.Contains("not negation", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("developers: [\"jordan smith\"]", "jordan-smith")]
    [InlineData("developers: [\"jördan\"]", "j-rdan")]
    public void Load_PrincipalNoSessionCanCarry_FailsWithSEN1042NamingTheFittedForm(string principals, string fitted)
    {
        // Act
        var error = Error($$"""
                - id: spaced
                  effect: allow
                  tools: [get-build-artifact]
                  principals: { {{principals}} }
            """);

        // Assert
        Assert.Equal(ConfigErrorCodes.UnmatchablePrincipal, error.Code);
        Assert.Contains($"`{fitted}`", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("developers: [\"jor*\"]")]
    [InlineData("projects: [\"web-?\"]")]
    public void Load_GlobInPrincipals_FailsWithSEN1039(string principals)
    {
        // Act
        var error = Error($$"""
                - id: globbed
                  effect: allow
                  tools: [get-build-artifact]
                  principals: { {{principals}} }
            """);

        // Assert
        Assert.Equal(ConfigErrorCodes.GlobInPrincipals, error.Code);
        Assert.Contains("compared literally", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CaseInsensitiveOnAllow_FailsWithSEN1041()
    {
        // Act
        var error = Error("""
                - id: wide
                  effect: allow
                  tools: [get-build-artifact]
                  resources: ["arn:aws:s3:::b/*"]
                  caseInsensitive: true
            """);

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidCaseInsensitive, error.Code);
        Assert.Equal("policy.rules[0].caseInsensitive", error.Field);
    }

    [Theory]
    [InlineData("[put-build-artifact]", "{ text: [hello] }")]
    [InlineData("[run-instances]", "{ count: { prefix: \"1\" } }")]
    [InlineData("[run-instances]", "{ instanceType: { max: 2 } }")]
    [InlineData("[update-function-code]", "{ publish: [yes] }")]
    [InlineData("[put-build-artifact]", "{ contentBase64: { sha256: [abc] } }")]
    [InlineData("[update-function-code]", "{ path: [\"app.zip\"] }")]
    public void Load_ConditionThatCannotFitTheArgument_Fails(string tools, string when)
    {
        // Act
        var error = Error($"""
                - id: odd
                  effect: deny
                  tools: {tools}
                  when: {when}
            """);

        // Assert
        Assert.Contains(error.Code, new[] { ConfigErrorCodes.UnevaluableCondition, ConfigErrorCodes.InvalidCondition });
    }
}
