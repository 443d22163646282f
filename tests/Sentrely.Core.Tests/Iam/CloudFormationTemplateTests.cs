using System.Text.Json;
using System.Text.RegularExpressions;
using Sentrely.Iam;

namespace Sentrely.Core.Tests.Iam;

public sealed class CloudFormationTemplateTests
{
    private static readonly string[] ExpectedTypes = ["AWS::IAM::Role", "AWS::IAM::ManagedPolicy", "AWS::SNS::Topic", "AWS::SNS::TopicPolicy", "AWS::Events::Rule"];

    [Fact]
    public void CloudFormationTemplate_SamplePlan_HasParametersResourcesAndOutputs()
    {
        // Act
        var template = IamPlanSamples.Parse(CloudFormationTemplate.ToJson(IamPlanSamples.WithBoundary()));

        // Assert
        Assert.Equal("2010-09-09", template.GetProperty("AWSTemplateFormatVersion").GetString());
        var parameters = template.GetProperty("Parameters");
        Assert.Equal(IamPlanSamples.Broker, parameters.GetProperty("BrokerPrincipalArn").GetProperty("Default").GetString());
        Assert.Equal("String", parameters.GetProperty("AlertEmail").GetProperty("Type").GetString());
        var resources = Names(template.GetProperty("Resources"));
        Assert.Equal(["RoleRead", "RoleReadPolicy1", "RoleDeploy", "RoleDeployPolicy1", "RoleDeployPolicy2", "PermissionsBoundary", "AlertTopic", "AlertTopicPolicy", "AlertRule"], resources);
        Assert.Equal(["RoleReadArn", "RoleDeployArn", "AlertTopicArn"], Names(template.GetProperty("Outputs")));
    }

    [Fact]
    public void CloudFormationTemplate_BrokerDefault_MatchesAllowedPattern()
    {
        // Arrange
        var broker = IamPlanSamples.Parse(CloudFormationTemplate.ToJson(IamPlanSamples.Plan())).GetProperty("Parameters").GetProperty("BrokerPrincipalArn");
        var pattern = new Regex(broker.GetProperty("AllowedPattern").GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));

        // Act + Assert
        Assert.Matches(pattern, broker.GetProperty("Default").GetString()!);
        Assert.Matches(pattern, "arn:aws-us-gov:sts::111122223333:assumed-role/sentrely-broker/host-1");
        Assert.DoesNotMatch(pattern, "arn:aws:iam::111122223333:group/admins");
        Assert.DoesNotMatch(pattern, "*");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CloudFormationTemplate_EveryRefAndGetAtt_ResolvesAndEveryTypeIsExpected(bool boundary)
    {
        // Arrange
        var template = IamPlanSamples.Parse(CloudFormationTemplate.ToJson(boundary ? IamPlanSamples.WithBoundary() : IamPlanSamples.Plan()));
        var resources = template.GetProperty("Resources");
        var resourceIds = Names(resources);
        var declared = resourceIds.Concat(Names(template.GetProperty("Parameters"))).ToHashSet(StringComparer.Ordinal);
        var objects = IamPlanSamples.Objects(template).ToList();

        // Act
        var refs = objects.Where(o => o.TryGetProperty("Ref", out _)).Select(o => o.GetProperty("Ref").GetString()!).ToList();
        var getAtts = objects.Where(o => o.TryGetProperty("Fn::GetAtt", out _)).Select(o => o.GetProperty("Fn::GetAtt")).ToList();

        // Assert
        Assert.NotEmpty(refs);
        Assert.All(refs, r => Assert.Contains(r, declared));
        Assert.Equal(3, getAtts.Count);
        Assert.All(getAtts, g => Assert.Contains(g[0].GetString()!, resourceIds));
        Assert.All(resourceIds, id => Assert.Matches("^[A-Za-z0-9]+$", id));
        Assert.All(resources.EnumerateObject(), r => Assert.Contains(r.Value.GetProperty("Type").GetString(), ExpectedTypes));
    }

    [Fact]
    public void CloudFormationTemplate_Roles_ManagedPolicyArnsReferToThatRolesDocuments()
    {
        // Arrange
        var plan = IamPlanSamples.Plan();
        var resources = IamPlanSamples.Parse(CloudFormationTemplate.ToJson(plan)).GetProperty("Resources");

        foreach (var (role, id) in plan.Roles.Zip(["RoleRead", "RoleDeploy"]))
        {
            // Act
            var properties = resources.GetProperty(id).GetProperty("Properties");
            var policyIds = properties.GetProperty("ManagedPolicyArns").EnumerateArray().Select(r => r.GetProperty("Ref").GetString()!).ToList();

            // Assert
            Assert.Equal(role.RoleName, properties.GetProperty("RoleName").GetString());
            Assert.Equal(role.RolePath, properties.GetProperty("Path").GetString());
            Assert.Equal(3600, properties.GetProperty("MaxSessionDuration").GetInt32());
            Assert.Equal(role.Policies.Count, policyIds.Count);
            for (var n = 0; n < policyIds.Count; n++)
            {
                var policy = resources.GetProperty(policyIds[n]);
                Assert.Equal("AWS::IAM::ManagedPolicy", policy.GetProperty("Type").GetString());
                Assert.Equal($"{role.RoleName}-{n + 1}", policy.GetProperty("Properties").GetProperty("ManagedPolicyName").GetString());
                Assert.True(JsonElement.DeepEquals(IamPlanSamples.Parse(role.Policies[n].ToJson()), policy.GetProperty("Properties").GetProperty("PolicyDocument")));
            }
        }
    }

    [Fact]
    public void CloudFormationTemplate_TrustPolicy_PrincipalIsBrokerParameterAndRestIsThePlans()
    {
        // Arrange
        var plan = IamPlanSamples.Plan();
        var trust = IamPlanSamples.Parse(CloudFormationTemplate.ToJson(plan))
            .GetProperty("Resources").GetProperty("RoleDeploy").GetProperty("Properties").GetProperty("AssumeRolePolicyDocument");
        var expected = IamPlanSamples.Parse(plan.Roles[1].Trust.ToJson()).GetProperty("Statement").EnumerateArray().ToList();

        // Act
        var statements = trust.GetProperty("Statement").EnumerateArray().ToList();

        // Assert
        Assert.Equal(expected.Count, statements.Count);
        for (var i = 0; i < statements.Count; i++)
        {
            Assert.Equal("BrokerPrincipalArn", statements[i].GetProperty("Principal").GetProperty("AWS").GetProperty("Ref").GetString());
            Assert.Equal(Names(expected[i]), Names(statements[i]));
            Assert.All(Names(expected[i]).Where(n => n != "Principal"), n => Assert.True(JsonElement.DeepEquals(expected[i].GetProperty(n), statements[i].GetProperty(n))));
        }

        Assert.DoesNotContain(IamPlanSamples.Broker, IamPlanSamples.Strings(trust));
    }

    [Fact]
    public void CloudFormationTemplate_AlertRule_PatternEqualsPlanAndTopicAcceptsOnlyTheRule()
    {
        // Arrange
        var resources = IamPlanSamples.Parse(CloudFormationTemplate.ToJson(IamPlanSamples.Plan())).GetProperty("Resources");

        // Act
        var rule = resources.GetProperty("AlertRule").GetProperty("Properties");
        var topicPolicy = resources.GetProperty("AlertTopicPolicy").GetProperty("Properties");
        var statement = topicPolicy.GetProperty("PolicyDocument").GetProperty("Statement")[0];

        // Assert
        Assert.True(JsonElement.DeepEquals(IamPlanSamples.Parse(IamPlanSamples.EventPattern), rule.GetProperty("EventPattern")));
        Assert.Equal("ENABLED", rule.GetProperty("State").GetString());
        Assert.Equal("AlertTopic", rule.GetProperty("Targets")[0].GetProperty("Arn").GetProperty("Ref").GetString());
        Assert.Equal("events.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("sns:Publish", statement.GetProperty("Action").GetString());
        Assert.Equal("AlertRule", statement.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetProperty("Fn::GetAtt")[0].GetString());
        var subscription = resources.GetProperty("AlertTopic").GetProperty("Properties").GetProperty("Subscription")[0];
        Assert.Equal("email", subscription.GetProperty("Protocol").GetString());
        Assert.Equal("AlertEmail", subscription.GetProperty("Endpoint").GetProperty("Ref").GetString());
    }

    [Fact]
    public void CloudFormationTemplate_Boundary_AttachedWhenPresentAbsentOtherwise()
    {
        // Arrange
        var arn = "arn:aws:iam::111122223333:policy/existing-boundary";

        // Act
        var generated = Roles(IamPlanSamples.WithBoundary());
        var existing = Roles(IamPlanSamples.Plan() with { BoundaryArn = arn });
        var none = Roles(IamPlanSamples.Plan());

        // Assert
        Assert.All(generated, r => Assert.Equal("PermissionsBoundary", r.GetProperty("PermissionsBoundary").GetProperty("Ref").GetString()));
        Assert.All(existing, r => Assert.Equal(arn, r.GetProperty("PermissionsBoundary").GetString()));
        Assert.All(none, r => Assert.False(r.TryGetProperty("PermissionsBoundary", out _)));
        Assert.False(IamPlanSamples.Parse(CloudFormationTemplate.ToJson(IamPlanSamples.Plan())).GetProperty("Resources").TryGetProperty("PermissionsBoundary", out _));
    }

    [Fact]
    public void CloudFormationTemplate_BothBoundaryKinds_Throws()
    {
        // Arrange
        var plan = IamPlanSamples.WithBoundary() with { BoundaryArn = "arn:aws:iam::111122223333:policy/b" };

        // Act + Assert
        Assert.Throws<ArgumentException>(() => CloudFormationTemplate.ToJson(plan));
    }

    [Fact]
    public void CloudFormationTemplate_RoleKeyCollidingWithDerivedId_Throws()
    {
        // Arrange: "read" yields RoleReadPolicy1 for its policy, "read-policy1" yields the same id for its role.
        var plan = IamPlanSamples.Plan();
        plan = plan with { Roles = [plan.Roles[0], plan.Roles[1] with { Key = "read-policy1" }] };

        // Act + Assert
        Assert.Throws<InvalidOperationException>(() => CloudFormationTemplate.ToJson(plan));
    }

    [Fact]
    public void CloudFormationTemplate_SamePlan_SameBytes()
    {
        // Act
        var first = CloudFormationTemplate.ToJson(IamPlanSamples.WithBoundary());
        var second = CloudFormationTemplate.ToJson(IamPlanSamples.WithBoundary());

        // Assert
        Assert.Equal(first, second);
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static List<JsonElement> Roles(IamPlan plan) =>
        [.. IamPlanSamples.Parse(CloudFormationTemplate.ToJson(plan)).GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::IAM::Role").Select(r => r.Value.GetProperty("Properties"))];
}
