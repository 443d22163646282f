using System.Globalization;
using Sentrely.Limits;

namespace Sentrely.Core.Tests.Limits;

public sealed class Ec2PriceTableTests
{
    private static readonly Dictionary<string, decimal> NoOverrides = new(StringComparer.Ordinal);

    [Fact]
    public void Shipped_Loads_DatedEstimateForUsEast1()
    {
        // Act
        var table = Ec2PriceTable.Shipped;

        // Assert
        Assert.True(DateOnly.TryParseExact(table.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.Equal("us-east-1", table.Region);
        Assert.StartsWith("ESTIMATE", table.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_CoversTheCommonFamiliesAndSomeGpus()
    {
        // Arrange
        string[] families = ["t3", "t3a", "t4g", "m5", "m6i", "m7i", "c5", "c6i", "c7i", "r5", "r6i"];

        // Act
        var types = Ec2PriceTable.Shipped.Prices.Keys.ToList();

        // Assert
        Assert.All(families, f => Assert.Contains(types, t => t.StartsWith(f + ".", StringComparison.Ordinal)));
        Assert.Contains("p4d.24xlarge", types);
        Assert.Contains("g5.xlarge", types);
        Assert.All(Ec2PriceTable.Shipped.Prices.Values, p => Assert.InRange(p, 0.001m, 100m));
    }

    [Fact]
    public void PriceOf_ShippedType_TableValue()
    {
        // Act
        var price = Ec2PriceTable.Shipped.PriceOf("t3.micro", NoOverrides);

        // Assert
        Assert.Equal(0.0104m, price);
    }

    [Fact]
    public void PriceOf_OverrideAndAddition_ConfiguredValuesWin()
    {
        // Arrange
        var overrides = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["t3.micro"] = 0.02m, ["x9z.mega"] = 3m };

        // Act
        var overridden = Ec2PriceTable.Shipped.PriceOf("t3.micro", overrides);
        var added = Ec2PriceTable.Shipped.PriceOf("x9z.mega", overrides);
        var unknown = Ec2PriceTable.Shipped.PriceOf("x9z.giga", overrides);

        // Assert
        Assert.Equal((0.02m, 3m), (overridden, added));
        Assert.Null(unknown);
    }

    [Theory]
    [InlineData("""{"estimate":false,"date":"2026-01-01","region":"us-east-1","note":"n","prices":{}}""")]
    [InlineData("""{"estimate":true,"date":"Jan 2026","region":"us-east-1","note":"n","prices":{}}""")]
    [InlineData("""{"estimate":true,"region":"us-east-1","note":"n","prices":{}}""")]
    [InlineData("""{"estimate":true,"date":"2026-01-01","region":"us-east-1","note":"n","prices":{"t3.*":1}}""")]
    [InlineData("""{"estimate":true,"date":"2026-01-01","region":"us-east-1","note":"n","prices":{"t3.micro":-1}}""")]
    [InlineData("""{"estimate":true,"date":"2026-01-01","region":"us-east-1","note":"n","prices":{"t3.micro":"1"}}""")]
    [InlineData("not json")]
    public void Parse_MalformedTable_Throws(string json)
    {
        // Act + Assert
        Assert.Throws<FormatException>(() => Ec2PriceTable.Parse(json));
    }
}
