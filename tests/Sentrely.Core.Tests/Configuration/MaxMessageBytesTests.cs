using Sentrely.Configuration;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Configuration;

public sealed class MaxMessageBytesTests
{
    [Fact]
    public void Parse_NoLimitsSection_TwelveMebibytes()
    {
        // Act
        var config = ConfigAssert.Valid("aws: {}\n");

        // Assert
        Assert.Equal(12_582_912, config.Limits.MaxMessageBytes);
    }

    [Fact]
    public void Parse_MaxMessageBytes_ReadAlongsideEc2()
    {
        // Act
        var config = ConfigAssert.Valid("limits:\n  maxMessageBytes: 1048576\n  ec2: { maxRunningPerSession: 2 }\n");

        // Assert
        Assert.Equal(1_048_576, config.Limits.MaxMessageBytes);
        Assert.Equal(2, config.Limits.Ec2!.MaxRunningPerSession);
    }

    [Theory]
    [InlineData("limits:\n  maxMessageBytes: 1000\n")]
    [InlineData("limits:\n  maxMessageBytes: 1073741824\n")]
    [InlineData("limits:\n  maxMessageBytes: 12MiB\n")]
    public void Parse_MaxMessageBytesOutOfRange_ErrorNamesRange(string yaml)
    {
        // Act
        var error = ConfigAssert.Single(yaml);

        // Assert
        Assert.Equal("limits.maxMessageBytes", error.Field);
        Assert.Contains("whole number from 65536 to 67108864", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_MaxMessageBytes_NeedsRestart()
    {
        // Arrange
        var before = ConfigAssert.Valid("aws: {}\n");
        var after = ConfigAssert.Valid("limits:\n  maxMessageBytes: 1048576\n");

        // Act
        var changed = RestartSections.Changed(before, after);

        // Assert
        Assert.Contains("limits.maxMessageBytes", changed);
    }
}
