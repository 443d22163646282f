using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Sentrely.Aws.Tests.TestDoubles;
using Sentrely.Configuration;

namespace Sentrely.Aws.Tests;

public class AwsClientFactoryTests
{
    private static AwsEndpoints Endpoints(AwsConfig config) => new(config, _ => null);

    [Theory]
    [InlineData("aws", "us-east-1", "https://lambda.us-east-1.amazonaws.com/")]
    [InlineData("aws-cn", "cn-north-1", "https://lambda.cn-north-1.amazonaws.com.cn/")]
    [InlineData("aws-us-gov", "us-gov-west-1", "https://lambda.us-gov-west-1.amazonaws.com/")]
    public void LambdaEndpoint_NoOverride_IsPartitionAware(string partition, string region, string expected)
    {
        // Arrange
        var config = new AwsConfig { Partition = partition, Region = region };

        // Act
        var factory = new AwsClientFactory(config, Endpoints(config));

        // Assert
        Assert.Equal(new Uri(expected), factory.LambdaEndpoint);
    }

    [Fact]
    public void LambdaEndpoint_OverrideWithPath_GetsTrailingSlash()
    {
        // Arrange
        var config = new AwsConfig { Endpoints = new Dictionary<string, Uri> { ["lambda"] = new("http://127.0.0.1:4566/aws") } };

        // Act
        var factory = new AwsClientFactory(config, Endpoints(config));

        // Assert
        Assert.Equal("http://127.0.0.1:4566/aws/", factory.LambdaEndpoint.AbsoluteUri);
    }

    [Fact]
    public async Task CreateLambda_SuccessiveCalls_ShareOneTransportThatOutlivesEachClient()
    {
        // Arrange
        var config = new AwsConfig { Endpoints = new Dictionary<string, Uri> { ["lambda"] = new("http://127.0.0.1:4566") } };
        using var transport = new CapturingHandler().Respond(HttpStatusCode.OK, Lambda.LambdaTestData.ConfigurationJson);
        var factory = new AwsClientFactory(config, Endpoints(config), transport);

        // Act: each call's client is disposed after its call, as the tool handlers do.
        using (var first = factory.CreateLambda(TestCredentials.Scoped()))
        {
            await first.GetFunctionConfigurationAsync("webhooks-dispatcher", null, CancellationToken.None);
        }

        var poolSurvived = !transport.Disposed;
        using (var second = factory.CreateLambda(TestCredentials.Scoped()))
        {
            await second.GetFunctionConfigurationAsync("webhooks-dispatcher", null, CancellationToken.None);
        }

        // Assert: one pool (and its open connections) served both calls; no client's disposal closed it.
        Assert.True(poolSurvived);
        Assert.False(transport.Disposed);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Theory]
    [InlineData("aws", "us-east-1 ")]
    [InlineData("aws", "evil.com/x")]
    [InlineData("aws-iso", "us-east-1")]
    public void Constructor_BadRegionOrPartition_Throws(string partition, string region)
    {
        // Arrange
        var config = new AwsConfig { Partition = partition, Region = region };

        // Act + Assert
        Assert.Throws<InvalidOperationException>(() => new AwsClientFactory(config, Endpoints(config)));
    }

    [Fact]
    public void CreateS3_CustomEndpoint_PathStyleServiceUrlAndAuthenticationRegion()
    {
        // Arrange
        var config = new AwsConfig { Region = "eu-west-1", Endpoints = new Dictionary<string, Uri> { ["s3"] = new("http://127.0.0.1:4569") } };
        var factory = new AwsClientFactory(config, Endpoints(config));

        // Act
        using var s3 = (AmazonS3Client)factory.CreateS3(TestCredentials.Scoped());

        // Assert
        var s3Config = (AmazonS3Config)s3.Config;
        Assert.True(s3Config.ForcePathStyle);
        Assert.Equal("http://127.0.0.1:4569/", s3Config.ServiceURL);
        Assert.Equal("eu-west-1", s3Config.AuthenticationRegion);
        Assert.True(s3Config.IgnoreConfiguredEndpointUrls);
    }

    [Fact]
    public void CreateS3_NoEndpoint_UsesRegionVirtualHosted()
    {
        // Arrange
        var config = new AwsConfig { Region = "eu-west-1" };
        var factory = new AwsClientFactory(config, Endpoints(config));

        // Act
        using var s3 = (AmazonS3Client)factory.CreateS3(TestCredentials.Scoped());

        // Assert
        var s3Config = (AmazonS3Config)s3.Config;
        Assert.False(s3Config.ForcePathStyle);
        Assert.Null(s3Config.ServiceURL);
        Assert.Equal("eu-west-1", s3Config.RegionEndpoint.SystemName);
    }

    [Fact]
    public void CreateStsAndEc2_CustomEndpoint_ServiceUrlAndAuthenticationRegion()
    {
        // Arrange
        var config = new AwsConfig
        {
            Endpoints = new Dictionary<string, Uri> { ["sts"] = new("http://127.0.0.1:4566"), ["ec2"] = new("http://127.0.0.1:4567") },
        };
        var factory = new AwsClientFactory(config, Endpoints(config));

        // Act
        using var sts = (AmazonServiceClient)factory.CreateSts(new BasicAWSCredentials("AKIAEXAMPLE", "secret"));
        using var ec2 = (AmazonServiceClient)factory.CreateEc2(TestCredentials.Scoped());

        // Assert
        Assert.Equal(("http://127.0.0.1:4566/", "us-east-1"), (sts.Config.ServiceURL, sts.Config.AuthenticationRegion));
        Assert.Equal(("http://127.0.0.1:4567/", "us-east-1"), (ec2.Config.ServiceURL, ec2.Config.AuthenticationRegion));
    }

    [Fact]
    public async Task CreateLambda_CustomEndpoint_SendsThereSignedWithScopedCredentials()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.OK, """{"Functions":[]}""");
        var config = new AwsConfig { Region = "eu-west-1", Endpoints = new Dictionary<string, Uri> { ["lambda"] = new("http://127.0.0.1:3001") } };
        var factory = new AwsClientFactory(config, Endpoints(config), handler);

        // Act
        using var lambda = factory.CreateLambda(TestCredentials.Scoped());
        await lambda.ListFunctionsAsync(null, null, CancellationToken.None);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:3001/2015-03-31/functions", request.Uri.AbsoluteUri);
        Assert.Contains($"Credential={TestCredentials.AccessKey}/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/lambda/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }
}
