using Sentrely.Configuration;
using Sentrely.Core.Tests.Configuration;
using Sentrely.Policy;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Policy;

public sealed class PolicyLinterTests
{
    private static IReadOnlyList<PolicyWarning> LintAll(string rulesYaml)
    {
        var config = PolicyTestSupport.Config(rulesYaml);
        return PolicyLinter.Check(config.Policy.Rules, PolicyTestSupport.Manifests, config.Aws);
    }

    // Warnings only: the notes (SEN1103, SEN1104) have tests of their own.
    private static IReadOnlyList<PolicyWarning> Lint(string rulesYaml) => LintAll(rulesYaml).Where(w => !w.IsNote).ToList();

    [Fact]
    public void Check_ExampleConfig_HasOnlyTheReviewerHonestyWarning()
    {
        // Arrange
        var config = SentrelyConfigLoader.Load(Path.Combine(RepositoryRoot.Path, "examples", "sentrely.yaml"), DesignToolCatalog.Instance);

        // Act
        var warnings = PolicyLinter.Check(config.Policy.Rules, PolicyTestSupport.Manifests, config.Aws);

        // Assert: the example shows `via: reviewer` on purpose; its only warning is the honest one about stdio mode.
        var warning = Assert.Single(warnings, w => !w.IsNote);
        Assert.Equal(PolicyWarningCodes.ReviewerNotEnforcedLocally, warning.Code);
        Assert.Equal("dev-instances", warning.RuleId);
    }

    [Fact]
    public void Check_WildcardToolsWithArnPattern_NotesToolsWithoutScopeButDoesNotWarn()
    {
        // Act
        var all = LintAll("""
                - id: never-prod
                  effect: deny
                  tools: ["*"]
                  resources: ["arn:aws:*:*:*:*prod*"]
                  caseInsensitive: true
            """);

        // Assert: `*` reaching the resource-scoped tools is normal; the tools whose resource is `*` are a note, not a warning.
        var note = Assert.Single(all);
        Assert.True(note.IsNote);
        Assert.Equal(PolicyWarningCodes.PartlyUnreachable, note.Code);
        Assert.Contains("`describe-instances`", note.Message, StringComparison.Ordinal);
        Assert.Contains("`list-functions`", note.Message, StringComparison.Ordinal);
        Assert.StartsWith("policy.yaml:8: note SEN1103", note.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CaseSensitiveDenyWithLetters_NotesCaseInsensitive()
    {
        // Act
        var all = LintAll("""
                - id: no-prod-keys
                  effect: deny
                  tools: [put-build-artifact]
                  resources: ["arn:aws:s3:::*prod*"]
                - id: no-big
                  effect: deny
                  tools: [run-instances]
                  when: { count: { min: 5 }, instanceType: ["p4*"] }
                - id: folded
                  effect: deny
                  tools: [put-build-artifact]
                  resources: ["arn:aws:s3:::*prod*"]
                  caseInsensitive: true
                - id: digits
                  effect: deny
                  tools: [run-instances]
                  when: { count: { min: 5 } }
            """);

        // Assert: a note for each case-sensitive deny with letters; none for the folded rule or digits-only conditions.
        Assert.All(all, w => Assert.True(w.IsNote));
        Assert.Equal(["no-prod-keys", "no-big"], all.Where(w => w.Code == PolicyWarningCodes.CaseSensitiveDeny).Select(w => w.RuleId));
        Assert.Contains("arn:aws:s3:::*prod*", all[0].Message, StringComparison.Ordinal);
        Assert.Contains("caseInsensitive: true", all[0].Message, StringComparison.Ordinal);
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
