using Sentrely.Configuration;
using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Manifests;

public class ToolManifestLoaderTests
{
    private const string Valid = """
        name: get-thing
        title: Get thing
        description: >-
          Gets a thing.
          The policy decides.
        access: read
        role: read
        resources: ["arn:{partition}:s3:::{bucket}/{key}"]
        iam:
          - actions: [s3:GetObject]
            resources: ["arn:{partition}:s3:::{bucket}/{key}"]
            conditions:
              - { operator: StringEquals, key: "s3:ExistingObjectTag/team", values: ["{team|none}"] }
        approval: required
        redact:
          blobs: [content]
          mask: [token]
        """;

    private static IReadOnlyList<ConfigError> Errors(params string[] yamls)
    {
        var ex = Assert.Throws<ConfigException>(() => ToolManifestLoader.Load(yamls.Select((y, i) => ($"m{i}.yaml", y))));
        return ex.Errors;
    }

    [Fact]
    public void Load_ValidManifest_ReadsEveryField()
    {
        // Act
        var manifest = Assert.Single(ToolManifestLoader.Load([("s3/get-thing.yaml", Valid)]));

        // Assert
        Assert.Equal(("get-thing", "Get thing", ToolAccess.Read, "read"), (manifest.Name, manifest.Title, manifest.Access, manifest.Role));
        Assert.Equal("Gets a thing. The policy decides.", manifest.Description);
        Assert.Equal(["arn:{partition}:s3:::{bucket}/{key}"], manifest.Resources);
        var statement = Assert.Single(manifest.Iam);
        Assert.Equal(["s3:GetObject"], statement.Actions);
        Assert.Equal("s3:ExistingObjectTag/team", Assert.Single(statement.Conditions).Key);
        Assert.Equal(ApprovalRequirement.Required, manifest.Approval);
        Assert.Equal(["content"], manifest.BlobArguments);
        Assert.Equal(["token"], manifest.MaskedArguments);
        Assert.Equal("s3/get-thing.yaml", manifest.Source);
        Assert.True(manifest.CallsAws);
    }

    [Theory]
    [InlineData("access: read", "acess: read", ConfigErrorCodes.UnknownKey, "acess")]
    [InlineData("title: Get thing\n", "", ConfigErrorCodes.MissingKey, "title")]
    [InlineData("name: get-thing", "name: Get_Thing", ConfigErrorCodes.InvalidManifestName, "name")]
    [InlineData("access: read", "access: reading", ConfigErrorCodes.InvalidValue, "access")]
    [InlineData("role: read", "role: deploy", ConfigErrorCodes.InconsistentManifest, "role")]
    [InlineData("access: read", "access: write", ConfigErrorCodes.InconsistentManifest, "role")]
    [InlineData("access: read", "access: destructive", ConfigErrorCodes.InconsistentManifest, "role")]
    [InlineData("[s3:GetObject]", "[\"s3:*\"]", ConfigErrorCodes.InvalidIam, "iam[0].actions[0]")]
    [InlineData("[s3:GetObject]", "[\"s3:Get*\"]", ConfigErrorCodes.InvalidIam, "iam[0].actions[0]")]
    [InlineData("operator: StringEquals", "operator: StringEqual", ConfigErrorCodes.InvalidIam, "iam[0].conditions[0].operator")]
    [InlineData("\"{team|none}\"", "\"{team\"", ConfigErrorCodes.InvalidTemplate, "iam[0].conditions[0].values[0]")]
    [InlineData("resources: [\"arn:{partition}:s3:::{bucket}/{key}\"]\niam", "resources: [\"arn:{partition:s3\"]\niam", ConfigErrorCodes.InvalidTemplate, "resources[0]")]
    [InlineData("approval: required", "approval: maybe", ConfigErrorCodes.InvalidApproval, "approval")]
    [InlineData("  mask: [token]", "  hide: [token]", ConfigErrorCodes.UnknownKey, "redact.hide")]
    public void Load_BrokenManifest_ReportsFieldAndCode(string find, string replace, string code, string field)
    {
        // Arrange
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var yaml = Valid.Replace(find, replace, StringComparison.Ordinal);

        // Act
        var errors = Errors(yaml);

        // Assert
        Assert.Contains(errors, e => e.Code == code && e.Field == field && e.File == "m0.yaml" && e.Line > 0);
    }

    [Fact]
    public void Load_RoleWithoutIam_Error()
    {
        // Arrange
        var yaml = "name: t\ntitle: T\ndescription: d\naccess: read\nrole: read\nresources: [\"*\"]\n";

        // Act
        var error = Assert.Single(Errors(yaml));

        // Assert
        Assert.Equal((ConfigErrorCodes.InconsistentManifest, "iam"), (error.Code, error.Field));
    }

    [Fact]
    public void Load_IamWithoutRole_Error()
    {
        // Arrange
        var yaml = "name: t\ntitle: T\ndescription: d\naccess: read\nresources: [\"*\"]\niam:\n  - { actions: [ec2:DescribeInstances], resources: [\"*\"] }\n";

        // Act
        var error = Assert.Single(Errors(yaml));

        // Assert
        Assert.Equal((ConfigErrorCodes.InconsistentManifest, "iam", 7), (error.Code, error.Field, error.Line));
    }

    [Fact]
    public void Load_ToolWithoutAwsCall_Valid()
    {
        // Act
        var manifest = Assert.Single(ToolManifestLoader.Load([("x.yaml", "name: t\ntitle: T\ndescription: d\naccess: read\nresources: [\"*\"]\n")]));

        // Assert
        Assert.False(manifest.CallsAws);
        Assert.Empty(manifest.Iam);
    }

    [Fact]
    public void Load_DuplicateNames_ErrorNamesFirstFile()
    {
        // Act
        var error = Assert.Single(Errors(Valid, Valid));

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidManifestName, "m1.yaml"), (error.Code, error.File));
        Assert.Contains("already defined in m0.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ErrorsInSeveralFiles_AllReported()
    {
        // Act
        var errors = Errors(Valid.Replace("access: read", "acces: read", StringComparison.Ordinal), "", "name: [");

        // Assert
        Assert.Contains(errors, e => e.File == "m0.yaml");
        Assert.Contains(errors, e => e.File == "m1.yaml" && e.Code == ConfigErrorCodes.MissingKey);
        Assert.Contains(errors, e => e.File == "m2.yaml" && e.Code == ConfigErrorCodes.YamlSyntax);
    }
}
