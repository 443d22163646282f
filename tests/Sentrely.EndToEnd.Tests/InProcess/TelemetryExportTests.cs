using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;

namespace Sentrely.EndToEnd.Tests.InProcess;

public sealed class TelemetryExportTests
{
    [Fact]
    public void Start_NoEndpoint_OffAndNothingListens()
    {
        // Act
        using var export = TelemetryExport.Start(new TelemetryConfig());

        // Assert
        Assert.Null(export);
        Assert.False(SentrelyTelemetry.Source.HasListeners());
    }

    [Fact]
    public void Start_Endpoint_SubscribesToSentrelyUntilDisposed()
    {
        // Arrange: nothing listens on this port; export failures are the SDK's to swallow, never the call's.
        var config = new TelemetryConfig { OtlpEndpoint = new Uri("http://127.0.0.1:9") };

        // Act
        var export = TelemetryExport.Start(config);
        var listening = SentrelyTelemetry.Source.HasListeners();
        export?.Dispose();

        // Assert
        Assert.NotNull(export);
        Assert.True(listening);
        Assert.False(SentrelyTelemetry.Source.HasListeners());
    }
}
