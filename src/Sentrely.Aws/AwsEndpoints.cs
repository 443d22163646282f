using Sentrely.Configuration;

namespace Sentrely.Aws;

/// <summary>
/// Gets the endpoint of each AWS service Sentrely calls: <c>aws.endpoints.&lt;svc&gt;</c>, else (only with
/// <c>aws.endpoints.fromEnvironment: true</c>) <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, else <c>AWS_ENDPOINT_URL</c>,
/// else null (AWS's own endpoint).
/// </summary>
/// <remarks>
/// Environment endpoints are opt-in because an endpoint the agent could place in the server's environment would
/// receive signed requests; the SDK clients never read them themselves (<see cref="AwsClientFactory"/> sets
/// <c>IgnoreConfiguredEndpointUrls</c>). They are also skipped when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> is
/// <c>true</c>, as in the AWS SDKs. Plain <c>http</c> is accepted only for loopback hosts: vended session tokens travel in a header.
/// </remarks>
public sealed class AwsEndpoints
{
    /// <summary>The service key of STS.</summary>
    public const string Sts = "sts";

    /// <summary>The service key of S3.</summary>
    public const string S3 = "s3";

    /// <summary>The service key of Lambda.</summary>
    public const string Lambda = "lambda";

    /// <summary>The service key of EC2.</summary>
    public const string Ec2 = "ec2";

    /// <summary>The service key of IAM.</summary>
    public const string Iam = "iam";

    private static readonly string[] s_services = [Sts, S3, Lambda, Ec2, Iam];

    private readonly Dictionary<string, Uri?> _resolved = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="AwsEndpoints"/> class.</summary>
    /// <param name="config">The <c>aws</c> section.</param>
    /// <param name="getEnv">Reads an environment variable; usually <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <exception cref="InvalidOperationException">An endpoint is not an absolute https URL (or http on loopback), or an unknown service key is configured.</exception>
    public AwsEndpoints(AwsConfig config, Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(getEnv);

        foreach (var key in config.Endpoints.Keys)
        {
            if (!s_services.Contains(key, StringComparer.Ordinal))
            {
                throw new InvalidOperationException(
                    $"aws.endpoints.{Sanitize(key)} is not a known service key; use one of: {string.Join(", ", s_services)}.");
            }
        }

        var ignoreEnv = !config.EndpointsFromEnvironment
            || string.Equals(getEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        var global = ignoreEnv ? null : ParseEnv(getEnv, "AWS_ENDPOINT_URL");
        foreach (var service in s_services)
        {
            if (config.Endpoints.TryGetValue(service, out var configured))
            {
                _resolved[service] = Check(configured, $"aws.endpoints.{service}");
                continue;
            }

            var specific = ignoreEnv ? null : ParseEnv(getEnv, "AWS_ENDPOINT_URL_" + service.ToUpperInvariant());
            _resolved[service] = specific ?? global;
        }
    }

    /// <summary>Gets the endpoint override of STS; null means AWS's endpoint.</summary>
    public Uri? StsEndpoint => _resolved[Sts];

    /// <summary>Gets the endpoint override of S3; null means AWS's endpoint.</summary>
    public Uri? S3Endpoint => _resolved[S3];

    /// <summary>Gets the endpoint override of Lambda; null means AWS's endpoint.</summary>
    public Uri? LambdaEndpoint => _resolved[Lambda];

    /// <summary>Gets the endpoint override of EC2; null means AWS's endpoint.</summary>
    public Uri? Ec2Endpoint => _resolved[Ec2];

    /// <summary>Gets the endpoint override of IAM; null means AWS's endpoint.</summary>
    public Uri? IamEndpoint => _resolved[Iam];

    /// <summary>Returns the endpoint override of <paramref name="serviceKey"/> (<c>sts s3 lambda ec2 iam</c>); null means AWS's endpoint.</summary>
    /// <param name="serviceKey">The service key.</param>
    public Uri? Resolve(string serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        return _resolved.TryGetValue(serviceKey, out var uri)
            ? uri
            : throw new ArgumentOutOfRangeException(nameof(serviceKey), Sanitize(serviceKey), "Unknown AWS service key.");
    }

    private static Uri? ParseEnv(Func<string, string?> getEnv, string name)
    {
        var value = getEnv(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // The value is not echoed: an endpoint URL may carry user info.
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            ? Check(uri, $"environment variable {name}")
            : throw new InvalidOperationException($"The {name} environment variable is not an absolute URL; fix or unset it.");
    }

    private static Uri Check(Uri uri, string source)
    {
        if (!uri.IsAbsoluteUri || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new InvalidOperationException(
                $"The endpoint in {source} must be an absolute URL without user info, query or fragment, such as https://host:port/.");
        }

        var https = uri.Scheme == Uri.UriSchemeHttps;
        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        return https || loopbackHttp
            ? uri
            : throw new InvalidOperationException(
                $"The endpoint in {source} must use https; plain http is allowed only for loopback hosts (127.0.0.1, ::1, localhost).");
    }

    private static string Sanitize(string value) =>
        new(value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(32).ToArray());
}
