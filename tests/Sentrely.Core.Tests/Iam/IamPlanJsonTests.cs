using System.Text.Json;
using Sentrely.Iam;

namespace Sentrely.Core.Tests.Iam;

public sealed class IamPlanJsonTests
{
    [Fact]
    public void IamPlanJson_SamplePlan_RoundTripsEveryDocument()
    {
        // Arrange
        var plan = IamPlanSamples.WithBoundary();

        // Act
        var json = IamPlanSamples.Parse(IamPlanJson.ToJson(plan));

        // Assert
        Assert.Equal(IamPlanSamples.Broker, json.GetProperty("broker").GetString());
        Assert.Equal("111122223333", json.GetProperty("accountId").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("boundaryArn").ValueKind);
        AssertSame(plan.Boundary!, json.GetProperty("boundary"));
        var roles = json.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(plan.Roles.Count, roles.Count);
        for (var i = 0; i < roles.Count; i++)
        {
            var role = plan.Roles[i];
            Assert.Equal(role.Key, roles[i].GetProperty("key").GetString());
            Assert.Equal(role.RoleArn, roles[i].GetProperty("roleArn").GetString());
            Assert.Equal(role.RolePath, roles[i].GetProperty("rolePath").GetString());
            AssertSame(role.Trust, roles[i].GetProperty("trustPolicy"));
            var policies = roles[i].GetProperty("policies").EnumerateArray().ToList();
            Assert.Equal(role.Policies.Count, policies.Count);
            Assert.All(role.Policies.Zip(policies), p => AssertSame(p.First, p.Second));
            var grants = roles[i].GetProperty("grants").EnumerateArray().ToList();
            Assert.Equal(role.Grants.Select(g => (g.Tool, g.RuleId)), grants.Select(g => (g.GetProperty("tool").GetString()!, g.GetProperty("ruleId").GetString()!)));
            Assert.Equal(role.Grants.SelectMany(g => g.Notes), grants.SelectMany(g => g.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)));
            Assert.All(role.Grants.Zip(grants), g => Assert.True(JsonElement.DeepEquals(
                IamPlanSamples.Parse(new IamPolicyDocument([g.First.Statement]).ToJson()).GetProperty("Statement")[0], g.Second.GetProperty("statement"))));
            Assert.Equal(role.UngrantedTools, roles[i].GetProperty("ungrantedTools").EnumerateArray().Select(t => t.GetString()!));
        }

        Assert.True(JsonElement.DeepEquals(IamPlanSamples.Parse(IamPlanSamples.EventPattern), json.GetProperty("alerts").GetProperty("eventPattern")));
        Assert.Equal(plan.Alerts.Description, json.GetProperty("alerts").GetProperty("description").GetString());
    }

    [Fact]
    public void IamPlanJson_NoBoundary_WritesNullBoundaryAndArn()
    {
        // Arrange
        var plan = IamPlanSamples.Plan() with { BoundaryArn = "arn:aws:iam::111122223333:policy/existing-boundary" };

        // Act
        var json = IamPlanSamples.Parse(IamPlanJson.ToJson(plan));

        // Assert
        Assert.Equal(JsonValueKind.Null, json.GetProperty("boundary").ValueKind);
        Assert.Equal(plan.BoundaryArn, json.GetProperty("boundaryArn").GetString());
    }

    [Fact]
    public void IamPlanJson_EventPatternNotJson_Throws()
    {
        // Arrange
        var plan = IamPlanSamples.Plan() with { Alerts = new AlertPlan("{not json", "broken") };

        // Act + Assert
        Assert.ThrowsAny<JsonException>(() => IamPlanJson.ToJson(plan));
    }

    [Fact]
    public void IamPlanJson_SamePlan_SameBytes()
    {
        // Act + Assert
        Assert.Equal(IamPlanJson.ToJson(IamPlanSamples.WithBoundary()), IamPlanJson.ToJson(IamPlanSamples.WithBoundary()));
    }

    private static void AssertSame(IamPolicyDocument expected, JsonElement actual) =>
        Assert.True(JsonElement.DeepEquals(IamPlanSamples.Parse(expected.ToJson()), actual), actual.ToString());
}
