using System.Net;
using Sentrely.Aws.Credentials;
using Sentrely.Credentials;

namespace Sentrely.Aws.Tests.Credentials;

public sealed class StsCredentialVendorErrorTests : IDisposable
{
    private readonly StsFixture _sts = new();

    public void Dispose() => _sts.Dispose();

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "MalformedPolicyDocument")]
    [InlineData(HttpStatusCode.BadRequest, "PackedPolicyTooLarge")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied")]
    [InlineData(HttpStatusCode.Forbidden, "RegionDisabled")]
    [InlineData(HttpStatusCode.BadRequest, "ExpiredToken")]
    [InlineData(HttpStatusCode.BadRequest, "ValidationError")]
    [InlineData(HttpStatusCode.BadRequest, "SomethingNew")]
    public async Task VendAsync_StsError_MapsCodeAndRequestIdWithSafeMessage(HttpStatusCode status, string code)
    {
        // Arrange
        _sts.RespondError(status, code);

        // Act
        var ex = await Assert.ThrowsAsync<CredentialVendingException>(() => _sts.Vendor.VendAsync(StsFixture.Request(), CancellationToken.None).AsTask());

        // Assert
        Assert.Equal(code, ex.AwsErrorCode);
        Assert.Equal("err-req-1", ex.AwsRequestId);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("111122223333", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-role", ex.Message, StringComparison.Ordinal);
        Assert.Single(_sts.Handler.Requests);
    }

    [Fact]
    public async Task VendAsync_ThrottledTwice_RetriesThenSucceeds()
    {
        // Arrange
        _sts.RespondError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded")
            .RespondError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded")
            .RespondAssumeRole();

        // Act
        var vended = await _sts.Vendor.VendAsync(StsFixture.Request(), CancellationToken.None);

        // Assert
        Assert.Equal(3, _sts.Handler.Requests.Count);
        Assert.Equal("c6104cbe-af31-11e0-8154-cbc7ccf896c7", vended.AssumeRoleRequestId);
    }

    [Fact]
    public async Task VendAsync_AlwaysThrottled_GivesUpAfterThreeRetries()
    {
        // Arrange
        _sts.RespondError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded");

        // Act
        var ex = await Assert.ThrowsAsync<CredentialVendingException>(() => _sts.Vendor.VendAsync(StsFixture.Request(), CancellationToken.None).AsTask());

        // Assert
        Assert.Equal("Throttling", ex.AwsErrorCode);
        Assert.Equal(4, _sts.Handler.Requests.Count);
    }

    [Fact]
    public async Task VendAsync_ThrottledWithRealBackoff_WaitsOnTheTimeProvider()
    {
        // Arrange
        _sts.RespondError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded").RespondAssumeRole();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var vendor = new StsCredentialVendor(_sts.Client, time);

        // Act
        var pending = vendor.VendAsync(StsFixture.Request(), CancellationToken.None).AsTask();
        while (_sts.Handler.Requests.Count < 1 || !pending.IsCompleted && time.GetUtcNow() < time.Start + TimeSpan.FromSeconds(1))
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        await pending;

        // Assert
        Assert.Equal(2, _sts.Handler.Requests.Count);
        Assert.True(time.GetUtcNow() - time.Start >= TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task VendAsync_StsUnreachable_ThrowsVendingExceptionWithoutCode()
    {
        // Arrange
        using var client = new Amazon.SecurityToken.AmazonSecurityTokenServiceClient(
            new Amazon.Runtime.BasicAWSCredentials("AKIABROKER000000001", "broker-secret"),
            new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig
            {
                ServiceURL = "https://sts.test.invalid/",
                AuthenticationRegion = "us-east-1",
                HttpClientFactory = new TestDoubles.HandlerHttpClientFactory(new TestDoubles.FailingHandler()),
                MaxErrorRetry = 0,
            });
        var vendor = new StsCredentialVendor(client, TimeProvider.System);

        // Act
        var ex = await Assert.ThrowsAsync<CredentialVendingException>(() => vendor.VendAsync(StsFixture.Request(), CancellationToken.None).AsTask());

        // Assert
        Assert.Null(ex.AwsErrorCode);
        Assert.DoesNotContain("internal.example", ex.Message, StringComparison.Ordinal);
    }
}
