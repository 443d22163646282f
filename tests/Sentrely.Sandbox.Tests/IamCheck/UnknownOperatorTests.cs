using Sentrely.Sandbox.IamCheck;
using static Sentrely.Sandbox.Tests.IamCheck.SampleRoles;

namespace Sentrely.Sandbox.Tests.IamCheck;

/// <summary>An operator Sentrely cannot evaluate never makes a policy look more permissive or less excessive.</summary>
public sealed class UnknownOperatorTests
{
    [Fact]
    public void Check_AllowWithUnknownOperator_GrantNotConfirmedNamingTheOperator()
    {
        // Arrange
        var policy = Replace("PutBuilds", """{"Sid":"PutFromOffice","Effect":"Allow","Action":"s3:PutObject","Resource":"RES","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""".Replace("RES", Builds, StringComparison.Ordinal));

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        var missing = Assert.Single(report.Missing);
        Assert.Equal(("s3:PutObject", MissingKind.NotConfirmed), (missing.Action, missing.Kind));
        Assert.Contains("IpAddress", missing.Reason, StringComparison.Ordinal);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Check_DenyWithUnknownOperator_GrantNotConfirmed()
    {
        // Arrange
        var policy = With("""{"Sid":"OfficeOnly","Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        Assert.Equal(Grants.Sum(g => g.Statement.Actions.Count * g.Statement.Resources.Count), report.Missing.Count);
        Assert.All(report.Missing, m => Assert.Equal(MissingKind.NotConfirmed, m.Kind));
        Assert.All(report.Missing, m => Assert.Contains("NotIpAddress", m.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_UnknownOperatorInPlaceOfThePlannedCondition_ReportsItAsPossiblyAllowing()
    {
        // Arrange
        var policy = Replace("RunSmall", """{"Sid":"RunOdd","Effect":"Allow","Action":"ec2:RunInstances","Resource":"RES","Condition":{"StringMatchesRegex":{"ec2:InstanceType":"t3\\..*"}}}""".Replace("RES", Instances, StringComparison.Ordinal));

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        var excess = Assert.Single(report.Excess);
        Assert.Equal(("RunOdd", ExcessKind.UnevaluableCondition, "StringMatchesRegex ec2:InstanceType"), (excess.Statement, excess.Kind, excess.Condition));
        Assert.Equal(MissingKind.NotConfirmed, Assert.Single(report.Missing).Kind);
    }

    [Fact]
    public void Check_WideAllowNarrowedOnlyByUnknownOperator_StillReportsTheExcess()
    {
        // Arrange
        var policy = With("""{"Sid":"AdminFromOffice","Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        Assert.Contains(report.Excess, e => e is { Statement: "AdminFromOffice", Kind: ExcessKind.WildcardAction, Action: "*" });
        Assert.Empty(report.Missing);
    }
}
