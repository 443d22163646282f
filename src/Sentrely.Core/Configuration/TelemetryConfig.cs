namespace Sentrely.Configuration;

/// <summary>Gets the <c>telemetry</c> section: OpenTelemetry export, off unless an endpoint is set.</summary>
public sealed record TelemetryConfig
{
    /// <summary>Gets the OTLP (gRPC) endpoint traces and metrics are exported to; null turns export off.</summary>
    public Uri? OtlpEndpoint { get; init; }
}
