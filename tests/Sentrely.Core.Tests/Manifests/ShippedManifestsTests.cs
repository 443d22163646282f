using Sentrely.Approval;
using Sentrely.TestUtilities;
using Sentrely.Core.Tests.Configuration;
using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Manifests;

public class ShippedManifestsTests
{
    private static readonly string[] ConfigPlaceholders = ["partition", "region", "account"];
    private static readonly string[] DerivedPlaceholders = ["functionArn", PackageVersionStage.ValueName];

    private static IReadOnlyList<ToolManifest> LoadShipped()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tool-manifests");
        var files = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(RepositoryRoot.Path, f), File.ReadAllText(f)));
        return ToolManifestLoader.Load(files);
    }

    [Fact]
    public void ShippedManifests_LoadAndCoverExactlyTheDesignTools()
    {
        // Act
        var manifests = LoadShipped();

        // Assert
        Assert.Equal(
            DesignToolCatalog.Instance.ArgumentsByTool.Keys.Order(StringComparer.Ordinal),
            manifests.Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("put-build-artifact", ToolAccess.Write, "deploy")]
    [InlineData("get-build-artifact", ToolAccess.Read, "read")]
    [InlineData("list-build-artifacts", ToolAccess.Read, "read")]
    [InlineData("update-function-code", ToolAccess.Write, "deploy")]
    [InlineData("get-function", ToolAccess.Read, "read")]
    [InlineData("list-functions", ToolAccess.Read, "read")]
    [InlineData("describe-instances", ToolAccess.Read, "read")]
    [InlineData("run-instances", ToolAccess.Write, "deploy")]
    [InlineData("start-instances", ToolAccess.Write, "deploy")]
    [InlineData("stop-instances", ToolAccess.Write, "deploy")]
    [InlineData("terminate-instances", ToolAccess.Destructive, "deploy")]
    [InlineData("list-permissions", ToolAccess.Read, null)]
    public void ShippedManifest_AccessAndRole_MatchDesign(string name, ToolAccess access, string? role)
    {
        // Act
        var manifest = LoadShipped().Single(m => m.Name == name);

        // Assert
        Assert.Equal((access, role), (manifest.Access, manifest.Role));
        Assert.False(string.IsNullOrWhiteSpace(manifest.Title));
        Assert.Contains("policy", manifest.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(role is not null, manifest.Iam.Count > 0);
    }

    [Fact]
    public void ShippedManifests_OnlyTerminateRequiresApproval()
    {
        // Act
        var requiring = LoadShipped().Where(m => m.Approval != ApprovalRequirement.None).Select(m => m.Name);

        // Assert
        Assert.Equal(["terminate-instances"], requiring);
    }

    [Fact]
    public void ShippedManifests_PlaceholdersAreArgumentsOrKnownValues()
    {
        // Arrange
        var catalog = DesignToolCatalog.Instance.ArgumentsByTool;

        // Act / Assert
        foreach (var manifest in LoadShipped())
        {
            var unknown = ManifestTemplates.Placeholders(manifest)
                .Where(p => !catalog[manifest.Name].Contains(p) && !ConfigPlaceholders.Contains(p) && !DerivedPlaceholders.Contains(p))
                .ToList();
            Assert.True(unknown.Count == 0, $"{manifest.Name}: unknown placeholders {string.Join(", ", unknown)}");
            Assert.All(manifest.BlobArguments.Concat(manifest.MaskedArguments), a => Assert.Contains(a, catalog[manifest.Name]));
        }
    }

    [Theory]
    [InlineData("put-build-artifact", "s3:PutObject")]
    [InlineData("get-build-artifact", "s3:GetObject")]
    [InlineData("list-build-artifacts", "s3:ListBucket")]
    [InlineData("update-function-code", "lambda:GetFunctionConfiguration,lambda:UpdateFunctionCode,s3:GetObject,s3:GetObjectVersion")]
    [InlineData("get-function", "lambda:GetFunctionConfiguration")]
    [InlineData("list-functions", "lambda:ListFunctions")]
    [InlineData("describe-instances", "ec2:DescribeInstances")]
    [InlineData("run-instances", "ec2:CreateTags,ec2:RunInstances")]
    [InlineData("start-instances", "ec2:StartInstances")]
    [InlineData("stop-instances", "ec2:StopInstances")]
    [InlineData("terminate-instances", "ec2:TerminateInstances")]
    [InlineData("list-permissions", "")]
    public void ShippedManifest_IamActions_AreExactlyTheDesignCalls(string name, string actions)
    {
        // Act
        var manifest = LoadShipped().Single(m => m.Name == name);

        // Assert
        Assert.Equal(actions, string.Join(',', manifest.Iam.SelectMany(s => s.Actions).Distinct().Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void ListBuildArtifacts_ListBucketOnBucketWithPrefixCondition()
    {
        // Act
        var manifest = LoadShipped().Single(m => m.Name == "list-build-artifacts");

        // Assert
        Assert.Equal(["arn:{partition}:s3:::{bucket}/{prefix}"], manifest.Resources);
        var statement = Assert.Single(manifest.Iam);
        Assert.Equal(["arn:{partition}:s3:::{bucket}"], statement.Resources);
        var condition = Assert.Single(statement.Conditions);
        Assert.Equal(("StringEquals", "s3:prefix"), (condition.Operator, condition.Key));
        Assert.Equal(["{prefix}"], condition.Values);
    }

    [Fact]
    public void RunInstances_SessionPolicyCoversEveryLaunchResource()
    {
        // Arrange
        var manifest = LoadShipped().Single(m => m.Name == "run-instances");
        var values = new Dictionary<string, IReadOnlyList<string>>
        {
            ["partition"] = ["aws"], ["region"] = ["us-east-1"], ["account"] = ["111122223333"],
            ["imageId"] = ["ami-0abc"], ["instanceType"] = ["t3.micro"], ["securityGroupIds"] = ["sg-1", "sg-2"],
        };

        // Act
        var resources = manifest.Iam.SelectMany(s => s.Resources).SelectMany(t => ManifestTemplates.Expand(t, values)).ToList();

        // Assert
        Assert.Contains("arn:aws:ec2:us-east-1::image/ami-0abc", resources);
        Assert.Contains("arn:aws:ec2:us-east-1:111122223333:subnet/*", resources);
        Assert.Contains("arn:aws:ec2:us-east-1:111122223333:security-group/sg-1", resources);
        Assert.Contains("arn:aws:ec2:us-east-1:111122223333:security-group/sg-2", resources);
        Assert.Contains("arn:aws:ec2:us-east-1:111122223333:network-interface/*", resources);
        Assert.Contains("arn:aws:ec2:us-east-1:111122223333:volume/*", resources);
        Assert.DoesNotContain(resources, r => r.Contains("key-pair", StringComparison.Ordinal));
        Assert.Contains(manifest.Iam, s => s.Conditions.Any(c => c.Key == "ec2:InstanceType" && c.Values.SequenceEqual(["{instanceType}"])));
        Assert.Contains(manifest.Iam, s => s.Actions.SequenceEqual(["ec2:CreateTags"]) && s.Conditions.Any(c => c.Key == "ec2:CreateAction"));
    }
}
