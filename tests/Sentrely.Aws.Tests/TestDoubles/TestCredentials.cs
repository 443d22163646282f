using Amazon.Runtime;
using Sentrely.Aws.Credentials;

namespace Sentrely.Aws.Tests.TestDoubles;

internal static class TestCredentials
{
    public const string AccessKey = "ASIATESTACCESSKEY001";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
    public const string SessionToken = "FwoGZXIvYXdzEXAMPLE+token/with=chars";

    public static AWSCredentials Session() => new SessionAWSCredentials(AccessKey, SecretKey, SessionToken);

    public static AwsScopedCredentials Scoped() => new(new ImmutableCredentials(AccessKey, SecretKey, SessionToken))
    {
        RoleArn = "arn:aws:iam::111122223333:role/sentrely-agent-deploy",
        RoleSessionName = "sess_abc-call_1",
        SourceIdentity = "jordan",
        Expiration = new DateTimeOffset(2030, 1, 1, 0, 15, 0, TimeSpan.Zero),
    };
}
