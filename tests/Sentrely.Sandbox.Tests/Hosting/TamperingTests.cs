using Amazon.S3;

namespace Sentrely.Sandbox.Tests.Hosting;

public sealed class TamperingTests
{
    /// <summary>Rewrites the last hex digit of the signature after the SDK has signed the request.</summary>
    private sealed class TamperHandler() : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var auth = request.Headers.GetValues("Authorization").Single();
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", auth[..^1] + (auth[^1] == '0' ? '1' : '0'));
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class TamperFactory : Amazon.Runtime.HttpClientFactory
    {
        public override HttpClient CreateHttpClient(Amazon.Runtime.IClientConfig clientConfig) => new(new TamperHandler());
    }

    [Fact]
    public async Task GetObject_TamperedSignature_SignatureDoesNotMatchAndRecorded()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.PutObject("builds", "k", "x"u8);
        var session = await Clients.AssumeAsync(aws);
        using var s3 = new AmazonS3Client(session, new AmazonS3Config
        {
            ServiceURL = aws.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = aws.Region, MaxErrorRetry = 0,
            HttpClientFactory = new TamperFactory(),
        });

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("builds", "k"));

        // Assert
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        var record = aws.Requests[^1];
        Assert.False(record.SignatureValid);
        Assert.False(record.Authorized);
        Assert.Equal(session.AccessKeyId, record.AccessKeyId);
        Assert.NotNull(record.SignedBy);
    }

    [Fact]
    public async Task Request_Unsigned_MissingAuthenticationRecorded()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        using var http = new HttpClient { BaseAddress = aws.Endpoint };

        // Act
        using var response = await http.GetAsync("builds/k");

        // Assert
        Assert.Equal(403, (int)response.StatusCode);
        var record = Assert.Single(aws.Requests);
        Assert.Equal("AccessDenied", record.ErrorCode);
        Assert.Null(record.AccessKeyId);
        Assert.False(record.SignatureValid);
    }
}
