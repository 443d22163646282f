using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public sealed class TelemetrySectionTests
{
    [Fact]
    public void Parse_NoTelemetrySection_ExportOff()
    {
        // Act
        var config = ConfigAssert.Valid("aws:\n  region: us-east-1\n");

        // Assert
        Assert.Null(config.Telemetry.OtlpEndpoint);
    }

    [Theory]
    [InlineData("telemetry:\n")]
    [InlineData("telemetry: {}\n")]
    [InlineData("telemetry:\n  otlpEndpoint: null\n")]
    public void Parse_EmptyOrNullEndpoint_ExportOff(string yaml)
    {
        // Act
        var config = ConfigAssert.Valid(yaml);

        // Assert
        Assert.Null(config.Telemetry.OtlpEndpoint);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4317")]
    [InlineData("https://collector.example.com:4317/")]
    public void Parse_AbsoluteHttpEndpoint_Kept(string endpoint)
    {
        // Act
        var config = ConfigAssert.Valid($"telemetry:\n  otlpEndpoint: {endpoint}\n");

        // Assert
        Assert.Equal(new Uri(endpoint), config.Telemetry.OtlpEndpoint);
    }

    [Fact]
    public void Parse_UnknownKey_Error()
    {
        // Act
        var error = ConfigAssert.Single("telemetry:\n  otlpEndpoint: http://127.0.0.1:4317\n  headers: x\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.UnknownKey, error.Code);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("127.0.0.1:4317")]
    [InlineData("/var/run/otel")]
    [InlineData("ftp://127.0.0.1:4317")]
    [InlineData("http://user:secret@127.0.0.1:4317")]
    [InlineData("http://127.0.0.1:4317/?x=1")]
    public void Parse_BadEndpoint_InvalidEndpointError(string endpoint)
    {
        // Act
        var error = ConfigAssert.Single($"telemetry:\n  otlpEndpoint: \"{endpoint}\"\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidEndpoint, error.Code);
        Assert.Equal("telemetry.otlpEndpoint", error.Field);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TelemetryNotAMapping_Error()
    {
        // Act
        var error = ConfigAssert.Single("telemetry: http://127.0.0.1:4317\n");

        // Assert
        Assert.Equal("telemetry", error.Field);
        Assert.Equal(ConfigErrorCodes.WrongType, error.Code);
    }
}
