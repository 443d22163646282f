using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sentrely.Configuration;
using Sentrely.Pipeline;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// Exports the pipeline's traces and metrics (<see cref="SentrelyTelemetry"/>) over OTLP/gRPC when
/// <c>telemetry.otlpEndpoint</c> is set; off otherwise. Disposing flushes and stops both providers.
/// </summary>
internal sealed class TelemetryExport : IDisposable
{
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    private TelemetryExport(TracerProvider tracing, MeterProvider metrics)
    {
        _tracing = tracing;
        _metrics = metrics;
    }

    /// <summary>Starts export to the configured endpoint, or returns null when telemetry is off.</summary>
    /// <param name="config">The <c>telemetry</c> section.</param>
    public static TelemetryExport? Start(TelemetryConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.OtlpEndpoint is not { } endpoint)
        {
            return null;
        }

        var resource = ResourceBuilder.CreateEmpty().AddService("sentrely", serviceVersion: SentrelyRuntime.Version);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(SentrelyTelemetry.Name)
            .AddOtlpExporter(o => Configure(o, endpoint))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(SentrelyTelemetry.Name)
            .AddOtlpExporter(o => Configure(o, endpoint))
            .Build();
        return new TelemetryExport(tracing, metrics);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _tracing.Dispose();
        _metrics.Dispose();
    }

    // The validated file decides endpoint and protocol, overriding any OTEL_EXPORTER_OTLP_* variables.
    private static void Configure(OtlpExporterOptions options, Uri endpoint)
    {
        options.Endpoint = endpoint;
        options.Protocol = OtlpExportProtocol.Grpc;
    }
}
