using Sentrely.Iam;

namespace Sentrely.Core.Tests.Iam;

public sealed class IamPlanTextTests
{
    [Fact]
    public void IamPlanText_SamplePlan_NamesBrokerEveryToolRuleAndRole()
    {
        // Arrange
        var plan = IamPlanSamples.Plan();

        // Act
        var text = string.Join("\n", IamPlanText.Lines(plan));

        // Assert
        Assert.Contains(IamPlanSamples.Broker, text, StringComparison.Ordinal);
        Assert.All(plan.Roles, r => Assert.Contains($"Role {r.Key}: {r.RoleArn}", text, StringComparison.Ordinal));
        Assert.All(plan.Roles.SelectMany(r => r.Grants), g => Assert.Contains($"(rule `{g.RuleId}`, manifest `{g.Tool}`)", text, StringComparison.Ordinal));
        Assert.All(plan.Roles.SelectMany(r => r.Grants).SelectMany(g => g.Notes), n => Assert.Contains("      note: " + n, text, StringComparison.Ordinal));
        Assert.Contains("not granted: delete-build-artifact", text, StringComparison.Ordinal);
        Assert.Contains(plan.Alerts.Description, text, StringComparison.Ordinal);
        Assert.Contains("Permissions boundary: none", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IamPlanText_Grant_ShowsActionsResourcesAndConditions()
    {
        // Act
        var lines = IamPlanText.Lines(IamPlanSamples.Plan()).ToList();

        // Assert
        Assert.Contains("    ec2:RunInstances on arn:aws:ec2:eu-west-1:111122223333:instance/* if ec2:InstanceType StringLike t3.micro or t3.small (rule `ec2-small`, manifest `run-instance`)", lines);
        Assert.Contains("    s3:ListAllMyBuckets on * (rule `reads-all`, manifest `list-buckets`)", lines);
        Assert.Single(lines, l => l == "  run-instance:");
    }

    [Fact]
    public void IamPlanText_TrustAndPolicies_SummarizedInOneLineEach()
    {
        // Act
        var lines = IamPlanText.Lines(IamPlanSamples.Plan()).ToList();

        // Assert
        var trust = $"  trust: assumable only by {IamPlanSamples.Broker}, with session tags agent-session, developer, project, tool, actor and a source identity";
        Assert.Equal(2, lines.Count(l => l == trust));
        Assert.Contains(lines, l => l.StartsWith("  policies: 1 managed policy of ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  policies: 2 managed policies of ", StringComparison.Ordinal) && l.EndsWith("(limit 6,144 each)", StringComparison.Ordinal));
    }

    [Fact]
    public void IamPlanText_Boundary_NamedWhenPresent()
    {
        // Act
        var generated = IamPlanText.Lines(IamPlanSamples.WithBoundary()).ToList();
        var existing = IamPlanText.Lines(IamPlanSamples.Plan() with { BoundaryArn = "arn:aws:iam::111122223333:policy/b" }).ToList();

        // Assert
        Assert.Contains(generated, l => l.StartsWith("Permissions boundary: generated, ", StringComparison.Ordinal));
        Assert.Contains("Permissions boundary: arn:aws:iam::111122223333:policy/b", existing);
    }
}
