using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Sentrely.Aws.Credentials;
using Sentrely.Aws.Tests.TestDoubles;
using Sentrely.Credentials;

namespace Sentrely.Aws.Tests.Credentials;

/// <summary>A real STS client whose HTTP goes to a <see cref="CapturingHandler"/> answering with STS XML.</summary>
internal sealed class StsFixture : IDisposable
{
    public const string IssuedAccessKey = "ASIAISSUEDKEY0000001";
    public const string IssuedSecret = "issued/secret+key=value";
    public const string IssuedToken = "IssuedSessionToken//+==";

    public StsFixture()
    {
        Client = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials("AKIABROKER000000001", "broker-secret"),
            new AmazonSecurityTokenServiceConfig
            {
                ServiceURL = "https://sts.test.invalid/",
                AuthenticationRegion = "us-east-1",
                HttpClientFactory = new HandlerHttpClientFactory(Handler),
                MaxErrorRetry = 0,
            });
        Vendor = new StsCredentialVendor(Client, TimeProvider.System, _ => TimeSpan.Zero);
    }

    public CapturingHandler Handler { get; } = new();

    public AmazonSecurityTokenServiceClient Client { get; }

    public StsCredentialVendor Vendor { get; }

    public static CredentialRequest Request() => new(
        "arn:aws:iam::111122223333:role/sentrely-agent-deploy",
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/k"}]}""",
        [
            new("agent-session", "sess_abc"), new("developer", "jordan"), new("project", "backend-api"),
            new("tool", "put-build-artifact"), new("actor", "agent"),
        ],
        "jordan",
        "sess_abc-call_1",
        900);

    public StsFixture RespondAssumeRole(string expiration = "2030-01-01T00:15:00Z", string sourceIdentity = "jordan", string token = IssuedToken)
    {
        Handler.Respond(HttpStatusCode.OK, $"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <SourceIdentity>{sourceIdentity}</SourceIdentity>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::111122223333:assumed-role/sentrely-agent-deploy/sess_abc-call_1</Arn>
                  <AssumedRoleId>AROA3XFRBF535PLBIFPI4:sess_abc-call_1</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>{IssuedAccessKey}</AccessKeyId>
                  <SecretAccessKey>{IssuedSecret}</SecretAccessKey>
                  <SessionToken>{token}</SessionToken>
                  <Expiration>{expiration}</Expiration>
                </Credentials>
                <PackedPolicySize>12</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """, "text/xml");
        return this;
    }

    public StsFixture RespondError(HttpStatusCode status, string code, string message = "User: arn:aws:iam::111122223333:user/broker is not authorized on arn:aws:iam::111122223333:role/secret-role")
    {
        Handler.Respond(status, $"""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
              <RequestId>err-req-1</RequestId>
            </ErrorResponse>
            """, "text/xml");
        return this;
    }

    public Dictionary<string, string> Form(int index = 0) =>
        Handler.Requests[index].BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Decode(p[0]), p => p.Length > 1 ? Decode(p[1]) : "");

    public void Dispose() => Client.Dispose();

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
