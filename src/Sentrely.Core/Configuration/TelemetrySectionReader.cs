using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads the <c>telemetry</c> section strictly: unknown keys and anything but an absolute http(s) URL are errors.</summary>
internal static class TelemetrySectionReader
{
    private static readonly string[] Keys = ["otlpEndpoint"];

    public static TelemetryConfig Read(YamlNodeReader reader, YamlNode node)
    {
        const string field = "telemetry.otlpEndpoint";
        if (reader.Mapping(node, "telemetry", Keys) is not { } map
            || !map.TryGetValue("otlpEndpoint", out var value)
            || YamlNodeReader.IsNull(value)
            || reader.String(value, field) is not { } text)
        {
            return new TelemetryConfig();
        }

        // User info would put a secret into the config file and the exporter's logs; query and fragment have no meaning for OTLP.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            reader.Error(value, field, ConfigErrorCodes.InvalidEndpoint, "is not an absolute http(s) URL without user info, query or fragment: write one such as `http://127.0.0.1:4317`");
            return new TelemetryConfig();
        }

        return new TelemetryConfig { OtlpEndpoint = uri };
    }
}
