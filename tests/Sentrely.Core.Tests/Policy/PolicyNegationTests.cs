using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

/// <summary>Explicit negation (<c>not</c>, <c>notResources</c>), absence and case folding, loaded from YAML and decided by the evaluator.</summary>
public sealed class PolicyNegationTests
{
    private const string Instance = "arn:aws:ec2:us-east-1:111122223333:instance/";

    private static PolicyDecision Decide(string rulesYaml, string tool, string[] resources, Dictionary<string, PolicyValue>? arguments = null) =>
        new PolicyEvaluator(PolicyTestSupport.Config(rulesYaml).Policy.Rules)
            .Evaluate(new PolicyRequest(tool, "jordan", "backend-api", resources, arguments ?? [], ApprovalRequirement.None));

    private const string AllowAll = """
            - id: all
              effect: allow
              tools: ["*"]

        """;

    [Theory]
    [InlineData("m5.large", false)]
    [InlineData("t3.micro", true)]
    public void Evaluate_DenyWithNot_DeniesEveryOtherValue(string instanceType, bool allowed)
    {
        // Act
        var decision = Decide(AllowAll + """
                - id: only-t3
                  effect: deny
                  tools: [run-instances]
                  when: { instanceType: { not: ["t3.*"] } }
            """, "run-instances", [Instance + "*"], new() { ["instanceType"] = PolicyValue.Of(instanceType), ["count"] = PolicyValue.Of("1") });

        // Assert
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Evaluate_DenyWithNotOnAList_FiresWhenAnyElementIsOutside()
    {
        // Act
        var decision = Decide(AllowAll + """
                - id: known-groups
                  effect: deny
                  tools: [run-instances]
                  when: { securityGroupIds: { not: [sg-0aaaaaaaa] } }
            """, "run-instances", [Instance + "*"], new() { ["securityGroupIds"] = PolicyValue.Of("sg-0aaaaaaaa", "sg-0bbbbbbbb") });

        // Assert
        Assert.False(decision.Allowed);
        Assert.Equal(["known-groups"], decision.RuleIds);
    }

    [Theory]
    [InlineData(new[] { "i-0aaaaaaaaaaaaaaaa" }, true)]
    [InlineData(new[] { "i-0aaaaaaaaaaaaaaaa", "i-0bbbbbbbbbbbbbbbb" }, false)]
    public void Evaluate_DenyWithNotResources_FiresWhenAnyResourceIsOutside(string[] ids, bool allowed)
    {
        // Act
        var decision = Decide(AllowAll + $"""
                - id: only-mine
                  effect: deny
                  tools: [stop-instances]
                  notResources: ["{Instance}i-0aaaaaaaaaaaaaaaa"]
            """, "stop-instances", ids.Select(i => Instance + i).ToArray());

        // Assert
        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData(new[] { "i-0bbbbbbbbbbbbbbbb" }, true)]
    [InlineData(new[] { "i-0bbbbbbbbbbbbbbbb", "i-0aaaaaaaaaaaaaaaa" }, false)]
    public void Evaluate_AllowWithNotResources_AllowsOnlyWhenNoResourceIsExcluded(string[] ids, bool allowed)
    {
        // Act
        var decision = Decide($"""
                - id: all-but-db
                  effect: allow
                  tools: [stop-instances]
                  notResources: ["{Instance}i-0aaaaaaaaaaaaaaaa"]
            """, "stop-instances", ids.Select(i => Instance + i).ToArray());

        // Assert
        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Evaluate_DenyWithAbsent_FiresOnlyWhenTheArgumentIsMissing(bool givesSubnet, bool allowed)
    {
        // Arrange
        var arguments = new Dictionary<string, PolicyValue> { ["instanceType"] = PolicyValue.Of("t3.micro") };
        if (givesSubnet)
        {
            arguments["subnetId"] = PolicyValue.Of("subnet-0aaaaaaaa");
        }

        // Act
        var decision = Decide(AllowAll + """
                - id: no-default-subnet
                  effect: deny
                  tools: [run-instances]
                  when: { subnetId: { absent: true } }
            """, "run-instances", [Instance + "*"], arguments);

        // Assert
        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData("arn:aws:s3:::b/builds/PROD/app.zip")]
    [InlineData("arn:aws:s3:::b/builds/Prod/app.zip")]
    [InlineData("arn:aws:s3:::b/builds/ｐｒｏｄ/app.zip")]
    [InlineData("arn:aws:s3:::b/builds/prod/app.zip")]
    public void Evaluate_CaseInsensitiveDeny_CatchesOtherSpellingsAndFullwidth(string resource)
    {
        // Act
        var decision = Decide(AllowAll + """
                - id: never-prod
                  effect: deny
                  tools: ["*"]
                  resources: ["arn:aws:*:*:*:*prod*"]
                  caseInsensitive: true
            """, "put-build-artifact", [resource]);

        // Assert
        Assert.False(decision.Allowed);
        Assert.Equal(["never-prod"], decision.RuleIds);
    }

    [Fact]
    public void Evaluate_CaseInsensitiveDenyOnWhen_CatchesUpperCaseValue()
    {
        // Act
        var decision = Decide(AllowAll + """
                - id: no-gpu
                  effect: deny
                  tools: [run-instances]
                  when: { instanceType: ["p4*"] }
                  caseInsensitive: true
            """, "run-instances", [Instance + "*"], new() { ["instanceType"] = PolicyValue.Of("P4D.24XLARGE") });

        // Assert
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void Evaluate_CaseInsensitiveDenyWithNot_StillComparesTheExceptionCaseSensitively()
    {
        // Act: `T3.micro` is not literally `t3.*`, so folding must not let it escape the deny.
        var decision = Decide(AllowAll + """
                - id: only-t3
                  effect: deny
                  tools: [run-instances]
                  when: { instanceType: { not: ["t3.*"] } }
                  caseInsensitive: true
            """, "run-instances", [Instance + "*"], new() { ["instanceType"] = PolicyValue.Of("T3.micro") });

        // Assert
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void Evaluate_CaseInsensitiveDenyOnAbsentTag_OtherCaseKeyDoesNotCountAsPresent()
    {
        // Act: EC2 tag keys are case-sensitive, so `owner` is not `Owner`; folding must not narrow the deny.
        var decision = Decide(AllowAll + """
                - id: owner-tag
                  effect: deny
                  tools: [run-instances]
                  when: { tags: { Owner: { absent: true } } }
                  caseInsensitive: true
            """, "run-instances", [Instance + "*"], new() { ["tags"] = new PolicyValue([], Entries: new Dictionary<string, IReadOnlyList<string>> { ["owner"] = ["jordan"] }) });

        // Assert
        Assert.False(decision.Allowed);
        Assert.Equal(["owner-tag"], decision.RuleIds);
    }

    [Theory]
    [InlineData("[2.0]")]
    [InlineData("[2]")]
    [InlineData("[\"2.00\"]")]
    public void Evaluate_DenyOnANumberWrittenWithTrailingZeros_FiresOnTheSameNumber(string values)
    {
        // Act
        var decision = Decide(AllowAll + $$"""
                - id: not-two
                  effect: deny
                  tools: [run-instances]
                  when: { count: {{values}} }
            """, "run-instances", [Instance + "*"], new() { ["count"] = PolicyValue.Of("2") });

        // Assert
        Assert.False(decision.Allowed);
        Assert.Equal(["not-two"], decision.RuleIds);
    }
}
