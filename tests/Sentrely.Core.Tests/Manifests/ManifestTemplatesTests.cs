using Sentrely.Manifests;

namespace Sentrely.Core.Tests.Manifests;

public class ManifestTemplatesTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Values = new()
    {
        ["partition"] = ["aws"],
        ["region"] = ["eu-west-1"],
        ["account"] = ["111122223333"],
        ["bucket"] = ["builds"],
        ["key"] = ["app/1.zip"],
        ["instanceIds"] = ["i-1", "i-2"],
        ["zones"] = ["a", "b"],
        ["securityGroupIds"] = [],
    };

    [Theory]
    [InlineData("arn:{partition}:s3:::{bucket}/{key}", "arn:aws:s3:::builds/app/1.zip")]
    [InlineData("*", "*")]
    [InlineData("arn:{partition}:ec2:{region}:{account}:subnet/{subnetId|*}", "arn:aws:ec2:eu-west-1:111122223333:subnet/*")]
    [InlineData("sg/{securityGroupIds|*}", "sg/*")]
    [InlineData("{bucket|other}", "builds")]
    public void Expand_SingleValues_Substitutes(string template, string expected)
    {
        // Act / Assert
        Assert.Equal([expected], ManifestTemplates.Expand(template, Values));
    }

    [Fact]
    public void Expand_ListPlaceholder_OneStringPerValue()
    {
        // Act
        var result = ManifestTemplates.Expand("arn:{partition}:ec2:{region}:{account}:instance/{instanceIds}", Values);

        // Assert
        Assert.Equal(["arn:aws:ec2:eu-west-1:111122223333:instance/i-1", "arn:aws:ec2:eu-west-1:111122223333:instance/i-2"], result);
    }

    [Fact]
    public void Expand_TwoListPlaceholders_CartesianProductInOrder()
    {
        // Act / Assert
        Assert.Equal(["i-1/a", "i-1/b", "i-2/a", "i-2/b"], ManifestTemplates.Expand("{instanceIds}/{zones}", Values));
    }

    [Theory]
    [InlineData("arn:{partition}:ec2:{region}:{account}:key-pair/{keyName}")]
    [InlineData("{bucket}/{qualifier}")]
    [InlineData("sg/{securityGroupIds}")]
    public void Expand_AbsentWithoutDefault_Dropped(string template)
    {
        // Act / Assert
        Assert.Empty(ManifestTemplates.Expand(template, Values));
    }

    [Fact]
    public void Expand_DuplicateValues_Deduplicated()
    {
        // Arrange
        var values = new Dictionary<string, IReadOnlyList<string>> { ["ids"] = ["i-1", "i-1"] };

        // Act / Assert
        Assert.Equal(["x/i-1"], ManifestTemplates.Expand("x/{ids}", values));
    }

    [Fact]
    public void Expand_TooManyCombinations_Throws()
    {
        // Arrange
        var many = Enumerable.Range(0, 40).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var values = new Dictionary<string, IReadOnlyList<string>> { ["a"] = many, ["b"] = many };

        // Act / Assert
        Assert.Throws<InvalidOperationException>(() => ManifestTemplates.Expand("{a}{b}", values));
    }

    [Theory]
    [InlineData("{bucket")]
    [InlineData("bucket}")]
    [InlineData("{}")]
    [InlineData("{1abc}")]
    [InlineData("{a-b}")]
    [InlineData("{subnetId|}")]
    public void Expand_MalformedTemplate_Throws(string template)
    {
        // Act / Assert
        Assert.Throws<FormatException>(() => ManifestTemplates.Expand(template, Values));
    }

    [Fact]
    public void Placeholders_OfManifest_ResourcesIamAndConditionsInOrder()
    {
        // Arrange
        var manifest = new ToolManifest
        {
            Name = "t",
            Title = "T",
            Description = "d",
            Access = ToolAccess.Read,
            Resources = ["arn:{partition}:s3:::{bucket}/{prefix}"],
            Iam = [new IamStatementTemplate(["s3:ListBucket"], ["arn:{partition}:s3:::{bucket}"], [new IamConditionTemplate("StringEquals", "s3:prefix", ["{prefix}", "{extra|x}"])])],
        };

        // Act / Assert
        Assert.Equal(["partition", "bucket", "prefix", "extra"], ManifestTemplates.Placeholders(manifest));
    }
}
