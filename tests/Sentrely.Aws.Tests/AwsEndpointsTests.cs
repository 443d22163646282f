using Sentrely.Configuration;

namespace Sentrely.Aws.Tests;

public class AwsEndpointsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    private static AwsConfig Config(params (string Key, string Url)[] endpoints) =>
        new() { Endpoints = endpoints.ToDictionary(e => e.Key, e => new Uri(e.Url)), EndpointsFromEnvironment = true };

    private static readonly AwsConfig FromEnvironment = new() { EndpointsFromEnvironment = true };

    [Fact]
    public void Resolve_EnvironmentWithoutOptIn_Ignored()
    {
        // Arrange: aws.endpoints.fromEnvironment is off by default.
        var endpoints = new AwsEndpoints(
            new AwsConfig { Endpoints = new Dictionary<string, Uri> { ["sts"] = new("http://127.0.0.1:4566") } },
            Env(("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1111"), ("AWS_ENDPOINT_URL", "not a url")));

        // Act + Assert
        Assert.Equal(new Uri("http://127.0.0.1:4566"), endpoints.StsEndpoint);
        Assert.All(new[] { "s3", "lambda", "ec2", "iam" }, key => Assert.Null(endpoints.Resolve(key)));
    }

    [Fact]
    public void Resolve_ConfigAndEnvironment_ConfigWins()
    {
        // Arrange
        var endpoints = new AwsEndpoints(
            Config(("sts", "http://127.0.0.1:4566")),
            Env(("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1111"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2222")));

        // Act + Assert
        Assert.Equal(new Uri("http://127.0.0.1:4566"), endpoints.Resolve("sts"));
        Assert.Equal(endpoints.StsEndpoint, endpoints.Resolve(AwsEndpoints.Sts));
    }

    [Fact]
    public void Resolve_ServiceAndGlobalEnvironment_ServiceWins()
    {
        // Arrange
        var endpoints = new AwsEndpoints(
            FromEnvironment,
            Env(("AWS_ENDPOINT_URL_LAMBDA", "http://localhost:3001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2222")));

        // Act + Assert
        Assert.Equal(new Uri("http://localhost:3001"), endpoints.LambdaEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:2222"), endpoints.S3Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:2222"), endpoints.Ec2Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:2222"), endpoints.IamEndpoint);
    }

    [Fact]
    public void Resolve_NothingSet_Null()
    {
        // Arrange
        var endpoints = new AwsEndpoints(new AwsConfig(), Env());

        // Act + Assert
        Assert.All(new[] { "sts", "s3", "lambda", "ec2", "iam" }, key => Assert.Null(endpoints.Resolve(key)));
    }

    [Fact]
    public void Resolve_IgnoreConfiguredEndpointUrls_SkipsEnvironmentButKeepsConfig()
    {
        // Arrange
        var endpoints = new AwsEndpoints(
            Config(("ec2", "https://ec2.internal.example/")),
            Env(("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2222")));

        // Act + Assert
        Assert.Null(endpoints.StsEndpoint);
        Assert.Equal(new Uri("https://ec2.internal.example/"), endpoints.Ec2Endpoint);
    }

    [Theory]
    [InlineData("http://emulator.internal:4566")]
    [InlineData("https://user:pass@sts.example/")]
    [InlineData("https://sts.example/?x=1")]
    [InlineData("ftp://127.0.0.1/")]
    public void Constructor_UnsafeConfiguredEndpoint_Throws(string url)
    {
        // Act + Assert
        var ex = Assert.Throws<InvalidOperationException>(() => new AwsEndpoints(Config(("sts", url)), Env()));
        Assert.Contains("aws.endpoints.sts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MalformedEnvironmentEndpoint_ThrowsWithoutEchoingValue()
    {
        // Act
        var ex = Assert.Throws<InvalidOperationException>(() => new AwsEndpoints(FromEnvironment, Env(("AWS_ENDPOINT_URL_S3", "not a url secret123"))));

        // Assert
        Assert.Contains("AWS_ENDPOINT_URL_S3", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownServiceKey_Throws()
    {
        // Act + Assert
        var ex = Assert.Throws<InvalidOperationException>(() => new AwsEndpoints(Config(("dynamodb", "https://d.example/")), Env()));
        Assert.Contains("aws.endpoints.dynamodb", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownServiceKey_Throws()
    {
        // Arrange
        var endpoints = new AwsEndpoints(new AwsConfig(), Env());

        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => endpoints.Resolve("sqs"));
    }
}
