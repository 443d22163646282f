using Sentrely.Configuration;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Configuration;

public class PolicyRuleTests
{
    private static string Rule(string body) => "policy:\n  rules:\n    - id: r1\n" + body;

    [Fact]
    public void Parse_FullRule_BuildsPolicyRule()
    {
        // Arrange
        var yaml = Rule("      effect: allow\n      tools: [run-instances]\n      resources: [\"arn:aws:ec2:*:*:instance/*\"]\n"
            + "      principals: { developers: [jordan], projects: [api] }\n"
            + "      when: { instanceType: [\"t3.*\"], count: { min: 1, max: 2 }, keyName: { prefix: dev- } }\n"
            + "      approval: { via: reviewer, waitSeconds: 120 }\n");

        // Act
        var rule = Assert.Single(ConfigAssert.Valid(yaml).Policy.Rules);

        // Assert
        Assert.Equal(("r1", PolicyEffect.Allow, "sentrely.yaml:3"), (rule.Id, rule.Effect, rule.Source));
        Assert.Equal(["run-instances"], rule.Tools);
        Assert.Equal(["arn:aws:ec2:*:*:instance/*"], rule.Resources!);
        Assert.Equal(["jordan"], rule.Developers!);
        Assert.Equal(["api"], rule.Projects!);
        Assert.Equal(["t3.*"], rule.When[0].AnyOf!);
        Assert.Equal(new ArgumentCondition("count", Min: 1, Max: 2), rule.When[1]);
        Assert.Equal(new ArgumentCondition("keyName", Prefix: "dev-"), rule.When[2]);
        Assert.Equal(new ApprovalRequirement(ApprovalLevel.Reviewer, 120), rule.Approval);
    }

    [Fact]
    public void Parse_RuleWithoutResourcesOrPrincipals_NullMeansAny()
    {
        // Act
        var rule = Assert.Single(ConfigAssert.Valid(Rule("      effect: deny\n      tools: [\"*\"]\n")).Policy.Rules);

        // Assert
        Assert.Null(rule.Resources);
        Assert.Null(rule.Developers);
        Assert.Null(rule.Projects);
        Assert.Equal(ApprovalRequirement.None, rule.Approval);
    }

    [Theory]
    [InlineData("required", ApprovalLevel.Required, 0)]
    [InlineData("none", ApprovalLevel.None, 0)]
    [InlineData("{ via: session }", ApprovalLevel.Required, 0)]
    [InlineData("{ via: reviewer }", ApprovalLevel.Reviewer, 0)]
    public void Parse_ApprovalForms_Map(string approval, ApprovalLevel level, int wait)
    {
        // Act
        var rule = Assert.Single(ConfigAssert.Valid(Rule($"      effect: allow\n      tools: [get-function]\n      approval: {approval}\n")).Policy.Rules);

        // Assert
        Assert.Equal(new ApprovalRequirement(level, wait), rule.Approval);
    }

    [Theory]
    [InlineData("      effect: allow\n      tools: [get-function]\n      approval: maybe\n", ConfigErrorCodes.InvalidApproval, "policy.rules[0].approval")]
    [InlineData("      effect: allow\n      tools: [get-function]\n      approval: { via: session, waitSeconds: 5 }\n", ConfigErrorCodes.InvalidApproval, "policy.rules[0].approval.waitSeconds")]
    [InlineData("      effect: allow\n      tools: [get-function]\n      approval: { via: reviewer, waitSeconds: 99999 }\n", ConfigErrorCodes.InvalidValue, "policy.rules[0].approval.waitSeconds")]
    [InlineData("      effect: deny\n      tools: [get-function]\n      approval: required\n", ConfigErrorCodes.InvalidApproval, "policy.rules[0].approval")]
    [InlineData("      effect: permit\n      tools: [get-function]\n", ConfigErrorCodes.InvalidValue, "policy.rules[0].effect")]
    [InlineData("      tools: [get-function]\n", ConfigErrorCodes.MissingKey, "policy.rules[0].effect")]
    [InlineData("      effect: allow\n", ConfigErrorCodes.MissingKey, "policy.rules[0].tools")]
    [InlineData("      effect: allow\n      tools: []\n", ConfigErrorCodes.MissingKey, "policy.rules[0].tools")]
    [InlineData("      effect: allow\n      tools: [\"put-[a]\"]\n", ConfigErrorCodes.InvalidGlob, "policy.rules[0].tools[0]")]
    [InlineData("      effect: allow\n      tools: [\"put build\"]\n", ConfigErrorCodes.InvalidGlob, "policy.rules[0].tools[0]")]
    [InlineData("      effect: allow\n      tools: [get-function, \"delete-*\"]\n", ConfigErrorCodes.UnknownTool, "policy.rules[0].tools[1]")]
    [InlineData("      effect: deny\n      tools: [\"*\"]\n      resources: [\"s3://bucket/*\"]\n", ConfigErrorCodes.InvalidResource, "policy.rules[0].resources[0]")]
    [InlineData("      effect: deny\n      tools: [\"*\"]\n      resources: [\"arn:aws:s3:::a b\"]\n", ConfigErrorCodes.InvalidResource, "policy.rules[0].resources[0]")]
    [InlineData("      effect: deny\n      tools: [\"*\"]\n      resources: []\n", ConfigErrorCodes.MissingKey, "policy.rules[0].resources")]
    [InlineData("      effect: deny\n      tools: [\"*\"]\n      resources:\n", ConfigErrorCodes.WrongType, "policy.rules[0].resources")]
    [InlineData("      effect: allow\n      tools: [\"*\"]\n      principals: {}\n", ConfigErrorCodes.MissingKey, "policy.rules[0].principals")]
    [InlineData("      effect: allow\n      tools: [\"*\"]\n      principals: { developer: [j] }\n", ConfigErrorCodes.UnknownKey, "policy.rules[0].principals.developer")]
    [InlineData("      effect: allow\n      tools: [run-instances]\n      when: { count: { max: two } }\n", ConfigErrorCodes.InvalidCondition, "policy.rules[0].when.count.max")]
    [InlineData("      effect: allow\n      tools: [run-instances]\n      when: { count: { min: 3, max: 2 } }\n", ConfigErrorCodes.InvalidCondition, "policy.rules[0].when.count")]
    [InlineData("      effect: allow\n      tools: [run-instances]\n      when: { keyName: { prefix: a, max: 2 } }\n", ConfigErrorCodes.InvalidCondition, "policy.rules[0].when.keyName")]
    [InlineData("      effect: allow\n      tools: [run-instances]\n      when: { instanceType: t3.micro }\n", ConfigErrorCodes.InvalidCondition, "policy.rules[0].when.instanceType")]
    [InlineData("      effect: allow\n      tools: [run-instances]\n      when: { instanceType: [] }\n", ConfigErrorCodes.MissingKey, "policy.rules[0].when.instanceType")]
    public void Parse_BadRule_SingleErrorWithField(string body, string code, string field)
    {
        // Act
        var error = ConfigAssert.Single(Rule(body));

        // Assert
        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_UnknownTool_SuggestsClosestTool()
    {
        // Act
        var error = ConfigAssert.Single(Rule("      effect: allow\n      tools: [put-build-artefact]\n"));

        // Assert
        Assert.Contains("unknown tool `put-build-artefact` (did you mean `put-build-artifact`?)", error.Message, StringComparison.Ordinal);
        Assert.Equal((5, 15), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_WhenKeyMissingFromSomeMatchedTools_NamesThoseTools()
    {
        // Act
        var error = ConfigAssert.Single(Rule("      effect: allow\n      tools: [\"*-instances\"]\n      when: { instanceType: [\"t3.*\"] }\n"));

        // Assert
        Assert.Equal((ConfigErrorCodes.UnknownArgument, "policy.rules[0].when.instanceType"), (error.Code, error.Field));
        Assert.Contains("`describe-instances`, `start-instances`, `stop-instances`, `terminate-instances`", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("`run-instances`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenKeyMisspelt_SuggestsArgument()
    {
        // Act
        var error = ConfigAssert.Single(Rule("      effect: allow\n      tools: [run-instances]\n      when: { instancetype: [\"t3.*\"] }\n"));

        // Assert
        Assert.Contains("(did you mean `instanceType`?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateRuleId_ErrorNamesFirstLine()
    {
        // Arrange
        var yaml = "policy:\n  rules:\n    - { id: a, effect: allow, tools: [get-function] }\n    - { id: a, effect: deny, tools: [get-function] }\n";

        // Act
        var error = ConfigAssert.Single(yaml);

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidRuleId, "policy.rules[1].id", 4), (error.Code, error.Field, error.Line));
        Assert.Contains("already used on line 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"has space\"")]
    [InlineData("\"\"")]
    [InlineData("\"a/b\"")]
    public void Parse_MalformedRuleId_Error(string id)
    {
        // Act
        var errors = ConfigAssert.Invalid($"policy:\n  rules:\n    - {{ id: {id}, effect: allow, tools: [get-function] }}\n");

        // Assert
        Assert.Contains(errors, e => e.Field == "policy.rules[0].id");
    }

    [Fact]
    public void Parse_RuleWithoutId_MissingKey()
    {
        // Act
        var error = ConfigAssert.Single("policy:\n  rules:\n    - { effect: allow, tools: [get-function] }\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.MissingKey, "policy.rules[0].id"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_GlobsMatchingKnownTools_Valid()
    {
        // Act
        var rule = Assert.Single(ConfigAssert.Valid(Rule("      effect: allow\n      tools: [\"put-*\", \"get-?uild-artifact\", \"*\"]\n")).Policy.Rules);

        // Assert
        Assert.Equal(3, rule.Tools.Count);
    }
}
