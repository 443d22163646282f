using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

public sealed class PolicyEvaluatorTests
{
    private const string Builds = "arn:aws:s3:::my-app-deployments/builds/*";

    private static PolicyRule Allow(string id, string[] tools, string[]? resources = null) =>
        new() { Id = id, Effect = PolicyEffect.Allow, Tools = tools, Resources = resources };

    private static PolicyRule Deny(string id, string[] tools, string[]? resources = null) =>
        new() { Id = id, Effect = PolicyEffect.Deny, Tools = tools, Resources = resources };

    private static PolicyRequest Call(string tool, string[] resources, Dictionary<string, IReadOnlyList<string>>? args = null, string developer = "jordan", string project = "backend-api") =>
        new(tool, developer, project, resources, (args ?? []).ToDictionary(a => a.Key, a => PolicyValue.Of(a.Value)), ApprovalRequirement.None);

    [Fact]
    public void Evaluate_NoRules_DeniesByDefaultNamingToolAndResource()
    {
        var decision = new PolicyEvaluator([]).Evaluate(Call("put-build-artifact", ["arn:aws:s3:::b/k"]));

        Assert.False(decision.Allowed);
        Assert.Empty(decision.RuleIds);
        Assert.Contains("no rule allows `put-build-artifact` on `arn:aws:s3:::b/k`", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AllowMatchesEveryResource_Allows()
    {
        var decision = new PolicyEvaluator([Allow("builds-rw", ["put-build-artifact"], [Builds])])
            .Evaluate(Call("put-build-artifact", ["arn:aws:s3:::my-app-deployments/builds/1.0/app.zip"]));

        Assert.True(decision.Allowed);
        Assert.Equal(["builds-rw"], decision.RuleIds);
    }

    [Theory]
    [InlineData("arn:aws:s3:::my-app-deployments/other/app.zip")]
    [InlineData("arn:aws:s3:::my-app-deployments2/builds/app.zip")]
    [InlineData("arn:aws:s3:::my-app-deployments/builds")]
    public void Evaluate_ResourceOutsidePattern_Denies(string resource)
    {
        var decision = new PolicyEvaluator([Allow("builds-rw", ["put-build-artifact"], [Builds])]).Evaluate(Call("put-build-artifact", [resource]));

        Assert.False(decision.Allowed);
    }

    [Fact]
    public void Evaluate_AllowMustCoverEveryResource_OneOutsideDenies()
    {
        var rule = Allow("mine", ["stop-instances"], ["arn:aws:ec2:us-east-1:111122223333:instance/i-0aaaaaaaaaaaaaaaa"]);
        var decision = new PolicyEvaluator([rule]).Evaluate(Call(
            "stop-instances",
            ["arn:aws:ec2:us-east-1:111122223333:instance/i-0aaaaaaaaaaaaaaaa", "arn:aws:ec2:us-east-1:111122223333:instance/i-0bbbbbbbbbbbbbbbb"]));

        Assert.False(decision.Allowed);
    }

    [Fact]
    public void Evaluate_ExplicitDenyWins_OverMatchingAllow()
    {
        var evaluator = new PolicyEvaluator([Allow("all", ["*"]), Deny("never-prod", ["*"], ["arn:aws:*:*:*:*prod*"])]);

        var decision = evaluator.Evaluate(Call("update-function-code", ["arn:aws:lambda:us-east-1:111122223333:function:payments-prod"]));

        Assert.False(decision.Allowed);
        Assert.Equal(["never-prod"], decision.RuleIds);
        Assert.Contains("denied by rule `never-prod`", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DenyWithArnPattern_DoesNotCatchUnscopedTools()
    {
        var evaluator = new PolicyEvaluator([Allow("read", ["describe-instances"]), Deny("never-prod", ["*"], ["arn:aws:*:*:*:*prod*"])]);

        Assert.True(evaluator.Evaluate(Call("describe-instances", ["*"])).Allowed);
    }

    [Fact]
    public void Evaluate_DenyCatchesOneOfSeveralResources()
    {
        var evaluator = new PolicyEvaluator([Allow("all", ["stop-instances"]), Deny("no-i-b", ["*"], ["*i-0bbbbbbbbbbbbbbbb"])]);

        var decision = evaluator.Evaluate(Call("stop-instances", ["arn:x:instance/i-0aaaaaaaaaaaaaaaa", "arn:x:instance/i-0bbbbbbbbbbbbbbbb"]));

        Assert.False(decision.Allowed);
    }

    [Theory]
    [InlineData("jordan", "backend-api", true)]
    [InlineData("sam", "backend-api", false)]
    [InlineData("jordan", "frontend", false)]
    public void Evaluate_Principals_RestrictDeveloperAndProject(string developer, string project, bool allowed)
    {
        var rule = Allow("jordan-only", ["describe-instances"]) with { Developers = ["jordan"], Projects = ["backend-api"] };

        var decision = new PolicyEvaluator([rule]).Evaluate(Call("describe-instances", ["*"], developer: developer, project: project));

        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData("t3.micro", "2", true)]
    [InlineData("t3.large", "1", true)]
    [InlineData("m5.large", "1", false)]
    [InlineData("t3.micro", "3", false)]
    [InlineData("t3a.micro", "1", false)]
    public void Evaluate_WhenConditions_InstanceTypeGlobAndCountMax(string type, string count, bool allowed)
    {
        var rule = Allow("small-instances", ["run-instances"]) with
        {
            When = [new ArgumentCondition("instanceType", AnyOf: ["t3.*"]), new ArgumentCondition("count", Max: 2)],
        };

        var decision = new PolicyEvaluator([rule]).Evaluate(Call("run-instances", ["arn:aws:ec2:us-east-1:111122223333:instance/*"], new() { ["instanceType"] = [type], ["count"] = [count] }));

        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Evaluate_WhenConditionOnAbsentArgument_DoesNotAllow()
    {
        var rule = Allow("tagged", ["run-instances"]) with { When = [new ArgumentCondition("keyName", Prefix: "ci-")] };

        Assert.False(new PolicyEvaluator([rule]).Evaluate(Call("run-instances", ["*"])).Allowed);
    }

    [Fact]
    public void Evaluate_AllowConditionOnList_RequiresEveryValue()
    {
        var rule = Allow("ids", ["stop-instances"]) with { When = [new ArgumentCondition("instanceIds", AnyOf: ["i-0a*"])] };
        var call = Call("stop-instances", ["*"], new() { ["instanceIds"] = ["i-0aaaaaaaaaaaaaaaa", "i-0bbbbbbbbbbbbbbbb"] });

        Assert.False(new PolicyEvaluator([rule]).Evaluate(call).Allowed);
    }

    [Fact]
    public void Evaluate_DenyConditionOnList_FiresOnAnyValue()
    {
        var deny = Deny("no-b", ["*"]) with { When = [new ArgumentCondition("instanceIds", AnyOf: ["i-0b*"])] };
        var call = Call("stop-instances", ["*"], new() { ["instanceIds"] = ["i-0aaaaaaaaaaaaaaaa", "i-0bbbbbbbbbbbbbbbb"] });

        Assert.False(new PolicyEvaluator([Allow("all", ["*"]), deny]).Evaluate(call).Allowed);
    }

    [Fact]
    public void Evaluate_ManifestApproval_CannotBeLoweredByRule()
    {
        var request = Call("terminate-instances", ["arn:x"]) with { ManifestApproval = ApprovalRequirement.Required };

        var decision = new PolicyEvaluator([Allow("all", ["*"])]).Evaluate(request);

        Assert.True(decision.Allowed);
        Assert.Equal(ApprovalLevel.Required, decision.Approval.Level);
    }

    [Fact]
    public void Evaluate_RuleApproval_RaisesRequirement()
    {
        var rule = Allow("webhooks-deploy", ["update-function-code"]) with { Approval = new ApprovalRequirement(ApprovalLevel.Reviewer, 120) };

        var decision = new PolicyEvaluator([rule]).Evaluate(Call("update-function-code", ["arn:x"]));

        Assert.Equal(ApprovalLevel.Reviewer, decision.Approval.Level);
        Assert.Equal(120, decision.Approval.WaitSeconds);
    }

    [Fact]
    public void Evaluate_Trace_ExplainsWhyEachRuleFailed()
    {
        var evaluator = new PolicyEvaluator([Allow("builds-rw", ["put-build-artifact"], [Builds]), Allow("other-tool", ["get-function"])]);

        var decision = evaluator.Evaluate(Call("put-build-artifact", ["arn:aws:s3:::elsewhere/x"]));

        Assert.Contains("matches none of", decision.Trace[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("is not in", decision.Trace[1].Explanation, StringComparison.Ordinal);
    }
}
