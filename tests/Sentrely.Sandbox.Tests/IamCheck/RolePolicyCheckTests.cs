using Sentrely.Sandbox.IamCheck;
using static Sentrely.Sandbox.Tests.IamCheck.SampleRoles;

namespace Sentrely.Sandbox.Tests.IamCheck;

public sealed class RolePolicyCheckTests
{
    [Fact]
    public void Check_ExactPolicy_NothingMissingNothingExcess()
    {
        // Act
        var report = RolePolicyCheck.Check(ExactPolicy, Deploy);

        // Assert
        Assert.Empty(report.Problems);
        Assert.Empty(report.Missing);
        Assert.Empty(report.Excess);
        Assert.True(report.IsExact);
    }

    [Fact]
    public void Check_ActionsUpperCaseAndAsArray_StillExact()
    {
        // Arrange
        var policy = Replace("PutBuilds", $$"""{"Effect":"Allow","Action":["S3:PUTOBJECT"],"Resource":["{{Builds}}"]}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        Assert.True(report.IsExact, string.Join("; ", report.Excess.Select(e => e.Reason).Concat(report.Missing.Select(m => m.Reason))));
    }

    [Fact]
    public void Check_ActionMissing_ReportsTheTool()
    {
        // Act
        var report = RolePolicyCheck.Check(Replace("Describe", null), Deploy);

        // Assert
        var missing = Assert.Single(report.Missing);
        Assert.Equal(("describe-instances", "describe", "ec2:DescribeInstances", "*", MissingKind.NotAllowed), (missing.Tool, missing.RuleId, missing.Action, missing.Resource, missing.Kind));
        Assert.Empty(report.Excess);
    }

    [Fact]
    public void Check_ResourceTooNarrow_ReportsMissingAndNoExcess()
    {
        // Arrange
        var policy = Replace("PutBuilds", """{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::my-app-deployments/builds/1.0/*"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        var missing = Assert.Single(report.Missing);
        Assert.Equal(("put-build-artifact", "s3:PutObject", Builds), (missing.Tool, missing.Action, missing.Resource));
        Assert.Empty(report.Excess);
    }

    [Fact]
    public void Check_ServiceWildcard_ReportsWildcardActionExcess()
    {
        // Arrange
        var policy = With($$"""{"Sid":"AllS3","Effect":"Allow","Action":"s3:*","Resource":"{{Builds}}"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        var excess = Assert.Single(report.Excess);
        Assert.Equal(("AllS3", ExcessKind.WildcardAction, "s3:*"), (excess.Statement, excess.Kind, excess.Action));
        Assert.Contains("s3:GetObject", excess.Reason, StringComparison.Ordinal);
        Assert.Empty(report.Missing);
    }

    [Fact]
    public void Check_PutObjectOnEveryResource_ReportsWiderResource()
    {
        // Arrange
        var policy = Replace("PutBuilds", """{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        var excess = Assert.Single(report.Excess);
        Assert.Equal(("#7", ExcessKind.WiderResource, "s3:PutObject", "*"), (excess.Statement, excess.Kind, excess.Action, excess.Resource));
        Assert.Empty(report.Missing);
    }

    [Fact]
    public void Check_NotAction_ReportsExcess()
    {
        // Arrange
        var policy = With("""{"Sid":"AllButIam","Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        var excess = Assert.Single(report.Excess);
        Assert.Equal((ExcessKind.NotAction, "iam:*, organizations:*"), (excess.Kind, excess.Action));
    }

    [Fact]
    public void Check_NotResource_ReportsExcessAndStillAllows()
    {
        // Arrange
        var policy = Replace("GetBuilds", """{"Sid":"GetAlmostAll","Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secrets/*"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        Assert.Empty(report.Missing);
        Assert.Equal(ExcessKind.NotResource, Assert.Single(report.Excess).Kind);
    }

    [Fact]
    public void Check_DenyOverridesAllow_ReportsExplicitlyDenied()
    {
        // Arrange
        var policy = With("""{"Sid":"NoLambdaWrites","Effect":"Deny","Action":"lambda:Update*","Resource":"*"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        var missing = Assert.Single(report.Missing);
        Assert.Equal(("update-function-code", "lambda:UpdateFunctionCode", MissingKind.ExplicitlyDenied), (missing.Tool, missing.Action, missing.Kind));
        Assert.Contains("NoLambdaWrites", missing.Reason, StringComparison.Ordinal);
        Assert.Empty(report.Excess);
    }

    [Fact]
    public void Check_DenyOnPartOfTheGrantedPattern_ReportsExplicitlyDenied()
    {
        // Arrange: the tool may write any key under builds/, the deny hits some of them.
        var policy = With("""{"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::my-app-deployments/builds/prod/*"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        Assert.Equal(MissingKind.ExplicitlyDenied, Assert.Single(report.Missing).Kind);
    }

    [Fact]
    public void Check_RunInstancesWithoutInstanceType_ReportsMissingCondition()
    {
        // Arrange
        var policy = Replace("RunSmall", $$"""{"Sid":"RunAny","Effect":"Allow","Action":"ec2:RunInstances","Resource":"{{Instances}}"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        var excess = Assert.Single(report.Excess);
        Assert.Equal(("RunAny", ExcessKind.MissingCondition, "ec2:RunInstances", Instances), (excess.Statement, excess.Kind, excess.Action, excess.Resource));
        Assert.Contains("ec2:InstanceType", excess.Condition, StringComparison.Ordinal);
        Assert.Empty(report.Missing);
    }

    [Theory]
    [InlineData("""{"StringEquals":{"ec2:InstanceType":"t3.micro"}}""", 1, 0)]
    [InlineData("""{"StringLike":{"ec2:instancetype":["t3.*"]}}""", 0, 1)]
    [InlineData("""{"StringEquals":{"ec2:InstanceType":["t3.micro","t3.small"]}}""", 0, 0)]
    [InlineData("""{"StringLikeIfExists":{"ec2:InstanceType":["t3.micro","t3.small"]}}""", 0, 1)]
    public void Check_InstanceTypeCondition_NarrowerIsMissingWiderIsExcess(string condition, int missing, int excess)
    {
        // Arrange
        var policy = Replace("RunSmall", $$"""{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"{{Instances}}","Condition":{{condition}}}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        Assert.Equal((missing, excess), (report.Missing.Count, report.Excess.Count));
    }

    [Fact]
    public void Check_UnneededAction_ReportsExcess()
    {
        // Arrange
        var policy = With($$"""{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"{{Builds}}"}""");

        // Act
        var report = RolePolicyCheck.Check(policy, Deploy);

        // Assert
        Assert.Equal((ExcessKind.UnneededAction, "s3:DeleteObject"), (Assert.Single(report.Excess).Kind, report.Excess[0].Action));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"s3:Get*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2099-01-01","Statement":[]}""")]
    public void Check_UnreadablePolicy_ReportsProblemAndNothingElse(string json)
    {
        // Act
        var report = RolePolicyCheck.Check(json, Deploy);

        // Assert
        Assert.Single(report.Problems);
        Assert.Empty(report.Missing);
        Assert.Empty(report.Excess);
        Assert.False(report.IsExact);
    }
}
