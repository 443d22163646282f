using Sentrely.Configuration;
using Sentrely.Core.Tests.Configuration;
using Sentrely.Policy;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Policy;

public sealed class PolicyLinterTests
{
    private static IReadOnlyList<PolicyWarning> Lint(string rulesYaml)
    {
        var config = PolicyTestSupport.Config(rulesYaml);
        return PolicyLinter.Check(config.Policy.Rules, PolicyTestSupport.Manifests, config.Aws);
    }

    [Fact]
    public void Check_ExampleConfig_HasOnlyTheReviewerHonestyWarning()
    {
        // Arrange
        var config = SentrelyConfigLoader.Load(Path.Combine(RepositoryRoot.Path, "examples", "sentrely.yaml"), DesignToolCatalog.Instance);

        // Act
        var warnings = PolicyLinter.Check(config.Policy.Rules, PolicyTestSupport.Manifests, config.Aws);

        // Assert: the example shows `via: reviewer` on purpose; its only warning is the honest one about stdio mode.
        var warning = Assert.Single(warnings);
        Assert.Equal(PolicyWarningCodes.ReviewerNotEnforcedLocally, warning.Code);
        Assert.Equal("dev-instances", warning.RuleId);
    }

    [Fact]
    public void Check_S3ToolWithLambdaPattern_WarnsWithFileLineAndShape()
    {
        // Act
        var warnings = Lint("""
                - id: ok
                  effect: allow
                  tools: [get-build-artifact]
                - id: wrong-service
                  effect: allow
                  tools: [get-build-artifact]
                  resources: ["arn:aws:lambda:us-east-1:111122223333:function:*"]
            """);

        // Assert
        var warning = Assert.Single(warnings);
        Assert.Equal(PolicyWarningCodes.UnreachableResource, warning.Code);
        Assert.Equal("wrong-service", warning.RuleId);
        Assert.Equal("policy.yaml:11", warning.Source);
        Assert.Equal("policy.rules[1]", warning.Field);
        Assert.Contains("arn:aws:s3:::*/*", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NamedToolWithoutResourceScopeAndArnPattern_WarnsThatItCanNeverMatch()
    {
        // Act
        var warnings = Lint("""
                - id: describe-dev
                  effect: allow
                  tools: [describe-instances]
                  resources: ["arn:aws:ec2:us-east-1:111122223333:instance/*"]
            """);

        // Assert
        var warning = Assert.Single(warnings);
        Assert.Contains("no resource-level scope", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WildcardToolsWithArnPattern_DoesNotWarnForToolsWithoutScope()
    {
        // Act
        var warnings = Lint("""
                - id: never-prod
                  effect: deny
                  tools: ["*"]
                  resources: ["arn:aws:*:*:*:*prod*"]
            """);

        // Assert
        Assert.Empty(warnings);
    }

    [Fact]
    public void Check_GlobMatchingOnlyUnreachableTools_Warns()
    {
        // Act
        var warnings = Lint("""
                - id: lambda-in-s3
                  effect: allow
                  tools: ["*-function*"]
                  resources: ["arn:aws:s3:::b/*"]
            """);

        // Assert
        Assert.Equal(PolicyWarningCodes.UnreachableResource, Assert.Single(warnings).Code);
    }

    [Fact]
    public void Check_OtherRegionForLambda_Warns()
    {
        // Act
        var warnings = Lint("""
                - id: eu-functions
                  effect: allow
                  tools: [update-function-code]
                  resources: ["arn:aws:lambda:eu-west-1:111122223333:function:*"]
            """);

        // Assert
        Assert.Contains("arn:aws:lambda:us-east-1:111122223333:function:*", Assert.Single(warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AllowUnderWholesaleDeny_WarnsShadowedNamingTheDeny()
    {
        // Act
        var warnings = Lint("""
                - id: uploads
                  effect: allow
                  tools: [put-build-artifact]
                  resources: ["arn:aws:s3:::b/builds/*"]
                - id: no-writes
                  effect: deny
                  tools: ["put-*", "update-*"]
            """);

        // Assert
        var warning = Assert.Single(warnings);
        Assert.Equal(PolicyWarningCodes.ShadowedAllow, warning.Code);
        Assert.Equal("uploads", warning.RuleId);
        Assert.Contains("`no-writes` (policy.yaml:12)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AllowInsideDeniedResources_WarnsShadowed()
    {
        // Act
        var warnings = Lint("""
                - id: uploads
                  effect: allow
                  tools: [put-build-artifact, get-build-artifact]
                  resources: ["arn:aws:s3:::b/builds/*"]
                - id: bucket-b-closed
                  effect: deny
                  tools: ["*-build-artifact*"]
                  resources: ["arn:aws:s3:::b/*"]
            """);

        // Assert
        Assert.Equal(PolicyWarningCodes.ShadowedAllow, Assert.Single(warnings).Code);
    }

    [Theory]
    [InlineData("principals: { developers: [sam] }")]
    [InlineData("resources: [\"arn:aws:s3:::b/builds/prod*\"]")]
    [InlineData("when: { key: { prefix: builds/x } }")]
    public void Check_DenyThatMayNotCoverTheAllow_DoesNotWarn(string denyScope)
    {
        // Act
        var warnings = Lint($"""
                - id: uploads
                  effect: allow
                  tools: [put-build-artifact]
                  resources: ["arn:aws:s3:::b/builds/*"]
                - id: partial
                  effect: deny
                  tools: [put-build-artifact]
                  {denyScope}
            """);

        // Assert
        Assert.Empty(warnings);
    }

    [Fact]
    public void Check_DenyOfOnlySomeOfTheAllowsTools_DoesNotWarn()
    {
        // Act
        var warnings = Lint("""
                - id: s3
                  effect: allow
                  tools: [put-build-artifact, get-build-artifact]
                - id: no-puts
                  effect: deny
                  tools: [put-build-artifact]
            """);

        // Assert
        Assert.Empty(warnings);
    }

    [Fact]
    public void Check_ReviewerApproval_WarnsSelfApprovalIsNotPreventedLocally()
    {
        // Act
        var warnings = Lint("""
                - id: ok
                  effect: allow
                  tools: [get-build-artifact]
                - id: deploys
                  effect: allow
                  tools: [put-build-artifact]
                  approval: { via: reviewer, waitSeconds: 60 }
            """);

        // Assert
        var warning = Assert.Single(warnings);
        Assert.Equal("SEN1102", warning.Code);
        Assert.Equal(PolicyWarningCodes.ReviewerNotEnforcedLocally, warning.Code);
        Assert.Equal("deploys", warning.RuleId);
        Assert.Equal("policy.yaml:11", warning.Source);
        Assert.Equal("policy.rules[1]", warning.Field);
        Assert.Contains("cannot stop self-approval in stdio mode", warning.Message, StringComparison.Ordinal);
        Assert.Contains("`sentrely approvals approve` as the same OS user", warning.Message, StringComparison.Ordinal);
        Assert.Contains("team server", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approval: required")]
    [InlineData("approval: none")]
    [InlineData("")]
    public void Check_SessionOrNoApproval_DoesNotWarn(string approval)
    {
        // Act
        var warnings = Lint($"""
                - id: deploys
                  effect: allow
                  tools: [put-build-artifact]
                  {approval}
            """);

        // Assert
        Assert.Empty(warnings);
    }
}
