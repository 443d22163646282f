using System.Net;
using Sentrely.Aws.Credentials;
using Sentrely.Credentials;

namespace Sentrely.Aws.Tests.Credentials;

public sealed class StsCredentialVendorTests : IDisposable
{
    private readonly StsFixture _sts = new();

    public void Dispose() => _sts.Dispose();

    [Fact]
    public async Task VendAsync_Request_SendsRolePolicyTagsSourceIdentityAndDuration()
    {
        // Arrange
        _sts.RespondAssumeRole();
        var request = StsFixture.Request();

        // Act
        await _sts.Vendor.VendAsync(request, CancellationToken.None);

        // Assert
        var form = _sts.Form();
        Assert.Equal("AssumeRole", form["Action"]);
        Assert.Equal(request.RoleArn, form["RoleArn"]);
        Assert.Equal(request.RoleSessionName, form["RoleSessionName"]);
        Assert.Equal(request.SessionPolicy, form["Policy"]);
        Assert.Equal("jordan", form["SourceIdentity"]);
        Assert.Equal("900", form["DurationSeconds"]);
        for (var i = 0; i < request.Tags.Count; i++)
        {
            Assert.Equal(request.Tags[i].Key, form[$"Tags.member.{i + 1}.Key"]);
            Assert.Equal(request.Tags[i].Value, form[$"Tags.member.{i + 1}.Value"]);
        }

        Assert.False(form.ContainsKey("Tags.member.6.Key"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIABROKER000000001/", _sts.Handler.Requests[0].Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VendAsync_Success_MapsCredentialsExpirationAndRequestId()
    {
        // Arrange
        _sts.RespondAssumeRole();
        var request = StsFixture.Request();

        // Act
        var vended = await _sts.Vendor.VendAsync(request, CancellationToken.None);

        // Assert
        var scoped = Assert.IsType<AwsScopedCredentials>(vended);
        Assert.Equal(
            (StsFixture.IssuedAccessKey, StsFixture.IssuedSecret, StsFixture.IssuedToken),
            (scoped.Credentials.AccessKey, scoped.Credentials.SecretKey, scoped.Credentials.Token));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 15, 0, TimeSpan.Zero), scoped.Expiration);
        Assert.Equal(TimeSpan.Zero, scoped.Expiration.Offset);
        Assert.Equal("c6104cbe-af31-11e0-8154-cbc7ccf896c7", scoped.AssumeRoleRequestId);
        Assert.Equal((request.RoleArn, request.RoleSessionName, "jordan"), (scoped.RoleArn, scoped.RoleSessionName, scoped.SourceIdentity));
    }

    [Fact]
    public async Task VendAsync_Success_ToStringHoldsNoKeyMaterial()
    {
        // Arrange
        _sts.RespondAssumeRole();

        // Act
        var text = (await _sts.Vendor.VendAsync(StsFixture.Request(), CancellationToken.None)).ToString();

        // Assert
        Assert.DoesNotContain(StsFixture.IssuedAccessKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(StsFixture.IssuedSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(StsFixture.IssuedToken, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VendAsync_ResponseWithoutSessionToken_ThrowsVendingException()
    {
        // Arrange
        _sts.RespondAssumeRole(token: "");

        // Act
        var ex = await Assert.ThrowsAsync<CredentialVendingException>(() => _sts.Vendor.VendAsync(StsFixture.Request(), CancellationToken.None).AsTask());

        // Assert
        Assert.Equal("c6104cbe-af31-11e0-8154-cbc7ccf896c7", ex.AwsRequestId);
        Assert.DoesNotContain(StsFixture.IssuedSecret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VendAsync_ChainedSessionKeepsOtherSourceIdentity_ReportsTheIssuedOne()
    {
        // Arrange
        _sts.RespondAssumeRole(sourceIdentity: "original-dev");

        // Act
        var vended = await _sts.Vendor.VendAsync(StsFixture.Request(), CancellationToken.None);

        // Assert
        Assert.Equal("original-dev", vended.SourceIdentity);
    }

    [Fact]
    public async Task GetCallerIdentityAsync_Success_MapsIdentity()
    {
        // Arrange
        _sts.Handler.Respond(HttpStatusCode.OK, """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::111122223333:user/broker</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>gci-1</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """, "text/xml");

        // Act
        var identity = await _sts.Vendor.GetCallerIdentityAsync(CancellationToken.None);

        // Assert
        Assert.Equal(new AwsCallerIdentity("111122223333", "arn:aws:iam::111122223333:user/broker", "AIDAEXAMPLE", "gci-1"), identity);
        Assert.Equal("GetCallerIdentity", _sts.Form()["Action"]);
    }
}
