using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Sentrely.Aws.Credentials;
using Sentrely.Aws.Iam;
using Sentrely.Aws.Lambda;
using Sentrely.Configuration;

namespace Sentrely.Aws;

/// <summary>
/// Creates AWS clients for the configured region and endpoints. Each client is bound to one credential set;
/// the caller disposes it.
/// </summary>
public sealed class AwsClientFactory
{
    private readonly string _region;
    private readonly AwsEndpoints _endpoints;
    private readonly Lazy<HttpMessageHandler> _restTransport;
    private readonly string _partition;

    /// <summary>Initializes a new instance of the <see cref="AwsClientFactory"/> class.</summary>
    /// <param name="config">The <c>aws</c> section.</param>
    /// <param name="endpoints">The resolved endpoints.</param>
    /// <exception cref="InvalidOperationException">The region or partition is malformed.</exception>
    public AwsClientFactory(AwsConfig config, AwsEndpoints endpoints)
        : this(config, endpoints, restTransport: null)
    {
    }

    /// <param name="config">The <c>aws</c> section.</param>
    /// <param name="endpoints">The resolved endpoints.</param>
    /// <param name="restTransport">The connection pool of the signed Lambda and IAM clients (tests); null for the production one.</param>
    internal AwsClientFactory(AwsConfig config, AwsEndpoints endpoints, HttpMessageHandler? restTransport)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(endpoints);
        _region = AwsPartitions.CheckRegion(config.Region);
        _endpoints = endpoints;
        _restTransport = new(() => restTransport ?? SignedLambdaClient.CreateTransport());
        _partition = config.Partition;
        LambdaEndpoint = endpoints.LambdaEndpoint is { } configured
            ? WithTrailingSlash(configured)
            : new Uri($"https://lambda.{_region}.{AwsPartitions.DnsSuffix(config.Partition)}/");
    }

    /// <summary>Gets the Lambda endpoint: the configured one, else <c>https://lambda.{region}.{partition suffix}/</c>.</summary>
    public Uri LambdaEndpoint { get; }

    /// <summary>Creates an STS client signed with the base credentials.</summary>
    /// <param name="baseCredentials">The broker's own credentials (<see cref="BaseCredentialsResolver"/>).</param>
    public IAmazonSecurityTokenService CreateSts(AWSCredentials baseCredentials)
    {
        ArgumentNullException.ThrowIfNull(baseCredentials);
        return new AmazonSecurityTokenServiceClient(baseCredentials, Configure(new AmazonSecurityTokenServiceConfig(), _endpoints.StsEndpoint));
    }

    /// <summary>Creates an S3 client signed with call-scoped credentials; path-style addressing on custom endpoints.</summary>
    /// <param name="credentials">The call's credentials.</param>
    public IAmazonS3 CreateS3(AwsScopedCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var config = Configure(new AmazonS3Config(), _endpoints.S3Endpoint);
        config.ForcePathStyle = _endpoints.S3Endpoint is not null;
        return new AmazonS3Client(credentials.ToAwsCredentials(), config);
    }

    /// <summary>Creates an EC2 client signed with call-scoped credentials.</summary>
    /// <param name="credentials">The call's credentials.</param>
    public IAmazonEC2 CreateEc2(AwsScopedCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new AmazonEC2Client(credentials.ToAwsCredentials(), Configure(new AmazonEC2Config(), _endpoints.Ec2Endpoint));
    }

    /// <summary>Creates a Lambda REST client signed with call-scoped credentials.</summary>
    /// <param name="credentials">The call's credentials.</param>
    public ILambdaApi CreateLambda(AwsScopedCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new SignedLambdaClient(credentials.ToAwsCredentials(), _region, LambdaEndpoint, new SharedTransport(_restTransport.Value));
    }

    /// <summary>Creates an IAM query client signed with the base credentials (for <c>sentrely revoke-role-sessions</c>).</summary>
    /// <param name="baseCredentials">The broker's own credentials.</param>
    /// <exception cref="InvalidOperationException">The partition is unknown.</exception>
    public SignedIamClient CreateIam(AWSCredentials baseCredentials)
    {
        ArgumentNullException.ThrowIfNull(baseCredentials);
        var endpoint = _endpoints.IamEndpoint ?? AwsPartitions.IamEndpoint(_partition);
        return new SignedIamClient(baseCredentials, AwsPartitions.IamRegion(_partition), endpoint, new SharedTransport(_restTransport.Value));
    }

    private T Configure<T>(T config, Uri? endpoint)
        where T : ClientConfig
    {
        // Only AwsEndpoints decides endpoints, so the SDK clients and the signed REST clients agree.
        config.IgnoreConfiguredEndpointUrls = true;
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(_region);
        }
        else
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = _region;
        }

        return config;
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
