using System.Text.Json;
using Sentrely.Configuration;
using Sentrely.Core.Tests.Configuration;
using Sentrely.Iam;
using Sentrely.Manifests;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Iam;

public sealed class IamPlannerTests
{
    private const string Broker = "arn:aws:iam::111122223333:role/sentrely-broker";

    internal static IReadOnlyList<ToolManifest> Manifests { get; } = ToolManifestLoader.Load(
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "tool-manifests"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(RepositoryRoot.Path, f), File.ReadAllText(f))));

    internal static SentrelyConfig Config(string rules) => SentrelyConfigLoader.Parse(
        $$"""
        aws:
          accountId: "111122223333"
          roles:
            read: arn:aws:iam::111122223333:role/sentrely-agent-read
            deploy: arn:aws:iam::111122223333:role/agents/sentrely-agent-deploy
        policy:
          rules:
        {{string.Concat(rules.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n"))}}
        """,
        "test.yaml",
        DesignToolCatalog.Instance);

    private static RolePlan Role(IamPlan plan, string key) => plan.Roles.Single(r => r.Key == key);

    private static IEnumerable<IamStatement> For(RolePlan role, string tool) => role.Grants.Where(g => g.Tool == tool).Select(g => g.Statement);

    [Fact]
    public void Plan_ResourceGlobs_BecomeTheGrantsResources()
    {
        var config = Config("""
            - id: builds-rw
              effect: allow
              tools: [put-build-artifact, get-build-artifact, list-build-artifacts]
              resources: ["arn:aws:s3:::my-app-deployments/builds/*"]
            """);

        var (plan, problems) = IamPlanner.Plan(config, Manifests, Broker);

        Assert.Empty(problems);
        var put = Assert.Single(For(Role(plan, "deploy"), "put-build-artifact"));
        Assert.Equal(["s3:PutObject"], put.Actions);
        Assert.Equal(["arn:aws:s3:::my-app-deployments/builds/*"], put.Resources);
        var list = Assert.Single(For(Role(plan, "read"), "list-build-artifacts"));
        Assert.Equal(["arn:aws:s3:::my-app-deployments"], list.Resources);
        var prefix = Assert.Single(list.Conditions);
        Assert.Equal(("StringLike", "s3:prefix", "builds/*"), (prefix.Operator, prefix.Key, prefix.Values.Single()));
        Assert.Contains("describe-instances", Role(plan, "read").UngrantedTools);
        Assert.Empty(For(Role(plan, "read"), "describe-instances"));
    }

    [Fact]
    public void Plan_WhenLists_BecomeConditions_RangesAreNotedAsSentrelyOnly()
    {
        var config = Config("""
            - id: small-instances
              effect: allow
              tools: [run-instances]
              when: { instanceType: ["t3.*", "t4g.micro"], count: { max: 2 } }
            """);

        var (plan, _) = IamPlanner.Plan(config, Manifests, Broker);

        var grants = Role(plan, "deploy").Grants.Where(g => g.Tool == "run-instances").ToList();
        var instance = grants.Select(g => g.Statement).Single(s => s.Conditions.Any(c => c.Key == "ec2:InstanceType"));
        var type = instance.Conditions.Single(c => c.Key == "ec2:InstanceType");
        Assert.Equal("StringLike", type.Operator);
        Assert.Equal(["t3.*", "t4g.micro"], type.Values);
        Assert.Contains(grants.SelectMany(g => g.Notes), n => n.Contains("`count` ≤ 2", StringComparison.Ordinal));
        var createTags = grants.Select(g => g.Statement).Single(s => s.Actions.Contains("ec2:CreateTags"));
        Assert.Equal(["RunInstances"], createTags.Conditions.Single(c => c.Key == "ec2:CreateAction").Values);
    }

    [Fact]
    public void Plan_NoWhenForACondition_DropsItAndSaysSo()
    {
        var config = Config("""
            - id: any-instance
              effect: allow
              tools: [run-instances]
            """);

        var (plan, _) = IamPlanner.Plan(config, Manifests, Broker);

        var grants = Role(plan, "deploy").Grants.Where(g => g.Tool == "run-instances").ToList();
        Assert.DoesNotContain(grants.SelectMany(g => g.Statement.Conditions), c => c.Key == "ec2:InstanceType");
        Assert.Contains(grants.SelectMany(g => g.Notes), n => n.Contains("ec2:InstanceType", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_LambdaGlob_CoversFunctionAndQualifiers_PackageBucketNotedAsWide()
    {
        var config = Config("""
            - id: webhooks
              effect: allow
              tools: [update-function-code, get-function]
              resources: ["arn:aws:lambda:us-east-1:111122223333:function:webhooks-*"]
            """);

        var (plan, _) = IamPlanner.Plan(config, Manifests, Broker);

        var get = Assert.Single(For(Role(plan, "read"), "get-function"));
        Assert.Equal(
            ["arn:aws:lambda:us-east-1:111122223333:function:webhooks-*", "arn:aws:lambda:us-east-1:111122223333:function:webhooks-*:*"],
            get.Resources);
        var update = For(Role(plan, "deploy"), "update-function-code").ToList();
        Assert.Contains(update, s => s.Actions.Contains("lambda:UpdateFunctionCode") && s.Resources.SequenceEqual(["arn:aws:lambda:us-east-1:111122223333:function:webhooks-*"]));
        Assert.Contains(Role(plan, "deploy").Grants.SelectMany(g => g.Notes), n => n.Contains("`s3Bucket` is not narrowed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:s3:::my-app-*", "arn:aws:s3:::my-app-*/*")]
    [InlineData("arn:aws:s3:::*", "arn:aws:s3:::*/*")]
    [InlineData("*", "arn:aws:s3:::*/*")]
    [InlineData("arn:aws:s3:::b/k?y", "arn:aws:s3:::b/k?y")]
    public void Plan_WildcardsSpanningTemplateParts_GrantNoWiderThanTheRule(string pattern, string expected)
    {
        var config = Config($$"""
            - id: r
              effect: allow
              tools: [get-build-artifact]
              resources: ["{{pattern}}"]
            """);

        var (plan, problems) = IamPlanner.Plan(config, Manifests, Broker);

        Assert.Empty(problems);
        Assert.Equal([expected], Assert.Single(For(Role(plan, "read"), "get-build-artifact")).Resources);
    }

    [Fact]
    public void Plan_RuleForOtherServicesResources_GrantsNothingForThisTool()
    {
        var config = Config("""
            - id: r
              effect: allow
              tools: ["*"]
              resources: ["arn:aws:s3:::my-app-deployments/builds/*"]
            """);

        var (plan, problems) = IamPlanner.Plan(config, Manifests, Broker);

        Assert.Empty(problems);
        Assert.Empty(For(Role(plan, "deploy"), "update-function-code"));
        Assert.Empty(For(Role(plan, "deploy"), "terminate-instances"));
        Assert.Contains("terminate-instances", Role(plan, "deploy").UngrantedTools);
        Assert.NotEmpty(For(Role(plan, "deploy"), "put-build-artifact"));
    }

    [Fact]
    public void Plan_Principals_BecomeSessionTagConditions()
    {
        var config = Config("""
            - id: jordan-only
              effect: allow
              principals: { developers: [jordan], projects: [backend-api] }
              tools: [describe-instances]
            """);

        var (plan, _) = IamPlanner.Plan(config, Manifests, Broker);

        var statement = Assert.Single(For(Role(plan, "read"), "describe-instances"));
        Assert.Equal(["*"], statement.Resources);
        Assert.Contains(statement.Conditions, c => c.Key == "aws:PrincipalTag/developer" && c.Values.SequenceEqual(["jordan"]));
        Assert.Contains(statement.Conditions, c => c.Key == "aws:PrincipalTag/project" && c.Values.SequenceEqual(["backend-api"]));
    }

    [Fact]
    public void Plan_TrustPolicy_OnlyTheBrokerWithTagsAndSourceIdentity()
    {
        var (plan, _) = IamPlanner.Plan(Config("- { id: r, effect: allow, tools: [describe-instances] }"), Manifests, Broker);

        var trust = Role(plan, "read").Trust;
        Assert.All(trust.Statements, s => Assert.Equal(Broker, s.PrincipalAws));
        Assert.Equal(["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], trust.Statements.Select(s => s.Actions.Single()));
        var assume = trust.Statements[0];
        Assert.Contains(assume.Conditions, c => c.Operator == "Null" && c.Key == "sts:SourceIdentity" && c.Values.SequenceEqual(["false"]));
        Assert.Equal(5, assume.Conditions.Count(c => c.Operator == "Null" && c.Key.StartsWith("aws:RequestTag/", StringComparison.Ordinal)));
        Assert.Equal(["agent-session", "developer", "project", "tool", "actor"], trust.Statements[1].Conditions.Single(c => c.Key == "aws:TagKeys").Values);
    }

    [Fact]
    public void Plan_RolePathAndName_FromTheArn_AlertMatchesBothRoles()
    {
        var (plan, _) = IamPlanner.Plan(Config("- { id: r, effect: allow, tools: [describe-instances] }"), Manifests, Broker);

        var deploy = Role(plan, "deploy");
        Assert.Equal(("/agents/", "sentrely-agent-deploy"), (deploy.RolePath, deploy.RoleName));
        using var pattern = JsonDocument.Parse(plan.Alerts.EventPattern);
        var arns = pattern.RootElement.GetProperty("detail").GetProperty("userIdentity").GetProperty("sessionContext").GetProperty("sessionIssuer").GetProperty("arn");
        Assert.Equal(plan.Roles.Select(r => r.RoleArn), arns.EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void Plan_ManyRules_PackedIntoPoliciesWithinTheQuota()
    {
        var rules = string.Concat(Enumerable.Range(0, 120).Select(i => $"- {{ id: r{i}, effect: allow, tools: [put-build-artifact], resources: [\"arn:aws:s3:::bucket-{i}-with-a-rather-long-name/builds/release-{i}/*\"] }}\n"));

        var (plan, _) = IamPlanner.Plan(Config(rules), Manifests, Broker);

        var deploy = Role(plan, "deploy");
        Assert.True(deploy.Policies.Count > 1);
        Assert.All(deploy.Policies, p => Assert.True(p.Size <= 6144, $"{p.Size}"));
        Assert.Equal(120, deploy.Policies.SelectMany(p => p.Statements).SelectMany(s => s.Resources).Count());
    }

    [Fact]
    public void Plan_ExampleConfig_EveryGrantInsideItsRule()
    {
        var config = SentrelyConfigLoader.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", "sentrely.yaml")), "example.yaml", DesignToolCatalog.Instance);

        var (plan, problems) = IamPlanner.Plan(config, Manifests, Broker, boundary: "generate");

        Assert.Empty(problems);
        Assert.NotNull(plan.Boundary);
        Assert.All(plan.Roles, r => Assert.NotEmpty(r.Policies));
        Assert.All(plan.Roles.SelectMany(r => r.Grants), g => Assert.DoesNotContain("*", g.Statement.Actions));
    }

    [Fact]
    public void Plan_DenyRuleWithResources_BecomesADenyOnTheCallResourceActions_OtherResourcesNoted()
    {
        var config = Config("""
            - id: webhooks
              effect: allow
              tools: [update-function-code]
              resources: ["arn:aws:lambda:us-east-1:111122223333:function:webhooks-*"]
            - id: never-prod
              effect: deny
              tools: ["*"]
              resources: ["arn:aws:*:*:*:*prod*"]
            """);

        var (plan, problems) = IamPlanner.Plan(config, Manifests, Broker);

        Assert.Empty(problems);
        var grants = Role(plan, "deploy").Grants.Where(g => g.Tool == "update-function-code").ToList();
        var deny = Assert.Single(grants, g => g.Statement.Effect == "Deny").Statement;
        Assert.Equal(["lambda:UpdateFunctionCode", "lambda:GetFunctionConfiguration"], deny.Actions);
        Assert.Equal(["arn:aws:*:*:*:*prod*"], deny.Resources);
        Assert.Contains(grants.SelectMany(g => g.Notes), n => n.Contains("enforced by Sentrely only for s3:GetObject on arn:aws:s3:::*/*", StringComparison.Ordinal));
        Assert.Contains(Role(plan, "deploy").Policies.SelectMany(p => p.Statements), s => s.Effect == "Deny");
    }

    [Fact]
    public void Plan_DenyOfAWholeTool_GrantsItNothing_DenyWithWhen_Noted()
    {
        var config = Config("""
            - id: all
              effect: allow
              tools: ["*"]
            - id: no-terminate
              effect: deny
              tools: [terminate-instances]
            - id: no-big
              effect: deny
              tools: [run-instances]
              when: { instanceType: ["p4d.*"] }
            """);

        var (plan, _) = IamPlanner.Plan(config, Manifests, Broker);

        var deploy = Role(plan, "deploy");
        Assert.Contains("terminate-instances", deploy.UngrantedTools);
        Assert.DoesNotContain(deploy.Grants.SelectMany(g => g.Statement.Actions), a => a == "ec2:TerminateInstances");
        Assert.Contains(deploy.Grants.Where(g => g.Tool == "run-instances").SelectMany(g => g.Notes), n => n.Contains("deny rule `no-big` has `when` conditions", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_NoAccountOrRoles_ExplainsWhatIsMissing()
    {
        var config = new SentrelyConfig();

        var ex = Assert.Throws<InvalidOperationException>(() => IamPlanner.Plan(config, Manifests, Broker));

        Assert.Contains("aws.accountId", ex.Message, StringComparison.Ordinal);
    }
}
