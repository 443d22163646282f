using System.Text.Json;
using System.Text.RegularExpressions;
using Sentrely.Iam;

namespace Sentrely.Core.Tests.Iam;

public sealed partial class TerraformJsonTests
{
    private static readonly string[] ExpectedTypes =
    [
        "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy_attachment", "aws_sns_topic", "aws_sns_topic_subscription",
        "aws_sns_topic_policy", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TerraformJson_EveryInterpolation_ResolvesToDeclaredResourceOrVariable(bool boundary)
    {
        // Arrange
        var config = IamPlanSamples.Parse(TerraformJson.ToJson(boundary ? IamPlanSamples.WithBoundary() : IamPlanSamples.Plan()));
        var variables = config.GetProperty("variable").EnumerateObject().Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var resources = config.GetProperty("resource").EnumerateObject()
            .SelectMany(t => t.Value.EnumerateObject().Select(r => t.Name + "." + r.Name)).ToHashSet(StringComparer.Ordinal);

        // Act
        var references = IamPlanSamples.Strings(config).SelectMany(s => Interpolation().Matches(s)).Select(m => m.Groups[1].Value).ToList();

        // Assert
        Assert.Equal(["alert_email", "broker_principal_arn"], variables.Order(StringComparer.Ordinal));
        Assert.Contains("var.broker_principal_arn", references);
        Assert.Contains("var.alert_email", references);
        Assert.All(references, r =>
        {
            var variable = Regex.Match(r, "^var\\.([a-z_]+)$", RegexOptions.None, TimeSpan.FromSeconds(1));
            var resource = Regex.Match(r, "^([a-z_]+\\.[a-z0-9_]+)\\.(arn|name)$", RegexOptions.None, TimeSpan.FromSeconds(1));
            Assert.True(variable.Success ? variables.Contains(variable.Groups[1].Value) : resource.Success && resources.Contains(resource.Groups[1].Value), r);
        });
        Assert.All(config.GetProperty("resource").EnumerateObject(), t => Assert.Contains(t.Name, ExpectedTypes));
        Assert.DoesNotContain(IamPlanSamples.Strings(config), s => UnescapedTemplateDirective().IsMatch(s));
    }

    [Fact]
    public void TerraformJson_EmbeddedPolicies_ParseAndEqualPlanDocuments()
    {
        // Arrange
        var plan = IamPlanSamples.WithBoundary();
        var resources = IamPlanSamples.Parse(TerraformJson.ToJson(plan)).GetProperty("resource");
        var policies = resources.GetProperty("aws_iam_policy");

        // Act + Assert
        foreach (var (role, name) in plan.Roles.Zip(["read", "deploy"]))
        {
            for (var n = 1; n <= role.Policies.Count; n++)
            {
                var policy = policies.GetProperty($"{name}_{n}");
                Assert.Equal($"{role.RoleName}-{n}", policy.GetProperty("name").GetString());
                Assert.True(JsonElement.DeepEquals(IamPlanSamples.Parse(role.Policies[n - 1].ToJson()), Embedded(policy.GetProperty("policy"))));
            }
        }

        Assert.Equal(3 + 1, policies.EnumerateObject().Count());
        Assert.True(JsonElement.DeepEquals(IamPlanSamples.Parse(plan.Boundary!.ToJson()), Embedded(policies.GetProperty("permissions_boundary").GetProperty("policy"))));
        var pattern = resources.GetProperty("aws_cloudwatch_event_rule").GetProperty("agent_activity").GetProperty("event_pattern");
        Assert.True(JsonElement.DeepEquals(IamPlanSamples.Parse(IamPlanSamples.EventPattern), Embedded(pattern)));
    }

    [Fact]
    public void TerraformJson_IamPolicyVariable_IsEscapedForTerraform()
    {
        // Act
        var read = IamPlanSamples.Parse(TerraformJson.ToJson(IamPlanSamples.Plan())).GetProperty("resource").GetProperty("aws_iam_policy").GetProperty("read_1");

        // Assert
        Assert.Contains("builds/$${aws:PrincipalTag/project}/*", read.GetProperty("policy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TerraformJson_TrustPolicy_PrincipalIsBrokerVariable()
    {
        // Arrange
        var plan = IamPlanSamples.Plan();
        var roles = IamPlanSamples.Parse(TerraformJson.ToJson(plan)).GetProperty("resource").GetProperty("aws_iam_role");

        // Act
        var role = roles.GetProperty("read");
        var trust = Embedded(role.GetProperty("assume_role_policy"));
        var expected = plan.Roles[0].Trust with { Statements = [.. plan.Roles[0].Trust.Statements.Select(s => s with { PrincipalAws = "${var.broker_principal_arn}" })] };

        // Assert
        Assert.True(JsonElement.DeepEquals(IamPlanSamples.Parse(expected.ToJson()), trust));
        Assert.Equal("sentrely-read", role.GetProperty("name").GetString());
        Assert.Equal("/sentrely/", role.GetProperty("path").GetString());
        Assert.Equal(3600, role.GetProperty("max_session_duration").GetInt32());
    }

    [Fact]
    public void TerraformJson_EachRole_OneAttachmentPerDocument()
    {
        // Arrange
        var plan = IamPlanSamples.Plan();
        var attachments = IamPlanSamples.Parse(TerraformJson.ToJson(plan)).GetProperty("resource").GetProperty("aws_iam_role_policy_attachment")
            .EnumerateObject().Select(a => (Role: a.Value.GetProperty("role").GetString(), Policy: a.Value.GetProperty("policy_arn").GetString())).ToList();

        // Act + Assert
        Assert.Equal(
            [
                ("${aws_iam_role.read.name}", "${aws_iam_policy.read_1.arn}"),
                ("${aws_iam_role.deploy.name}", "${aws_iam_policy.deploy_1.arn}"),
                ("${aws_iam_role.deploy.name}", "${aws_iam_policy.deploy_2.arn}"),
            ],
            attachments);
    }

    [Fact]
    public void TerraformJson_Boundary_AttachedWhenPresentAbsentOtherwise()
    {
        // Arrange
        const string Arn = "arn:aws:iam::111122223333:policy/existing-boundary";

        // Act
        var generated = Roles(IamPlanSamples.WithBoundary());
        var existing = Roles(IamPlanSamples.Plan() with { BoundaryArn = Arn });
        var none = Roles(IamPlanSamples.Plan());

        // Assert
        Assert.All(generated, r => Assert.Equal("${aws_iam_policy.permissions_boundary.arn}", r.GetProperty("permissions_boundary").GetString()));
        Assert.All(existing, r => Assert.Equal(Arn, r.GetProperty("permissions_boundary").GetString()));
        Assert.All(none, r => Assert.False(r.TryGetProperty("permissions_boundary", out _)));
        Assert.False(IamPlanSamples.Parse(TerraformJson.ToJson(IamPlanSamples.Plan())).GetProperty("resource").GetProperty("aws_iam_policy").TryGetProperty("permissions_boundary", out _));
    }

    [Fact]
    public void TerraformJson_AlertResources_WireTopicRuleAndEmail()
    {
        // Act
        var config = IamPlanSamples.Parse(TerraformJson.ToJson(IamPlanSamples.Plan()));
        var resources = config.GetProperty("resource");

        // Assert
        var subscription = resources.GetProperty("aws_sns_topic_subscription").GetProperty("alerts_email");
        Assert.Equal("email", subscription.GetProperty("protocol").GetString());
        Assert.Equal("${var.alert_email}", subscription.GetProperty("endpoint").GetString());
        var topicPolicy = Embedded(resources.GetProperty("aws_sns_topic_policy").GetProperty("alerts").GetProperty("policy")).GetProperty("Statement")[0];
        Assert.Equal("events.amazonaws.com", topicPolicy.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("${aws_cloudwatch_event_rule.agent_activity.arn}", topicPolicy.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetString());
        Assert.Equal("${aws_sns_topic.alerts.arn}", resources.GetProperty("aws_cloudwatch_event_target").GetProperty("agent_activity").GetProperty("arn").GetString());
        Assert.Equal(IamPlanSamples.Broker, config.GetProperty("variable").GetProperty("broker_principal_arn").GetProperty("default").GetString());
        Assert.Equal(["role_read_arn", "role_deploy_arn", "alert_topic_arn"], config.GetProperty("output").EnumerateObject().Select(o => o.Name));
    }

    [Fact]
    public void Renderers_PunctuatedRoleKeys_YieldValidDistinctNames()
    {
        // Arrange
        var plan = IamPlanSamples.Plan();
        plan = plan with { Roles = [plan.Roles[0] with { Key = "deploy-prod" }, plan.Roles[1] with { Key = "deploy_prod" }] };

        // Act
        var tf = IamPlanSamples.Parse(TerraformJson.ToJson(plan)).GetProperty("resource").GetProperty("aws_iam_role").EnumerateObject().Select(r => r.Name);
        var cfn = IamPlanSamples.Parse(CloudFormationTemplate.ToJson(plan)).GetProperty("Resources").EnumerateObject().Select(r => r.Name).Where(n => n.StartsWith("Role", StringComparison.Ordinal));

        // Assert
        Assert.Equal(["deploy_prod", "deploy_prod_2"], tf);
        Assert.Equal(["RoleDeployProd", "RoleDeployProdPolicy1", "RoleDeployProd2", "RoleDeployProd2Policy1", "RoleDeployProd2Policy2"], cfn);
    }

    [Fact]
    public void TerraformJson_SamePlan_SameBytes()
    {
        // Act + Assert
        Assert.Equal(TerraformJson.ToJson(IamPlanSamples.WithBoundary()), TerraformJson.ToJson(IamPlanSamples.WithBoundary()));
    }

    // Terraform reads "$${" as a literal "${": undo that to get the JSON IAM receives.
    private static JsonElement Embedded(JsonElement value) =>
        IamPlanSamples.Parse(value.GetString()!.Replace("$${", "${", StringComparison.Ordinal).Replace("%%{", "%{", StringComparison.Ordinal));

    private static List<JsonElement> Roles(IamPlan plan) =>
        [.. IamPlanSamples.Parse(TerraformJson.ToJson(plan)).GetProperty("resource").GetProperty("aws_iam_role").EnumerateObject().Select(r => r.Value)];

    [GeneratedRegex(@"(?<!\$)\$\{([^}]*)\}", RegexOptions.None, 1000)]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"(?<!%)%\{", RegexOptions.None, 1000)]
    private static partial Regex UnescapedTemplateDirective();
}
