using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Sentrely.Sandbox.Tests;

/// <summary>Builds real AWS SDK clients pointed at a running double.</summary>
internal static class Clients
{
    public const string RoleArn = "arn:aws:iam::111122223333:role/sentrely-tools";

    public static BasicAWSCredentials Base(AwsTestDouble aws) => new(aws.BaseAccessKeyId, aws.BaseSecretAccessKey);

    public static AmazonSecurityTokenServiceClient Sts(AwsTestDouble aws, AWSCredentials? credentials = null) =>
        new(credentials ?? Base(aws), new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = aws.Endpoint.ToString(),
            AuthenticationRegion = aws.Region,
            MaxErrorRetry = 0,
        });

    public static AmazonS3Client S3(AwsTestDouble aws, AWSCredentials credentials) =>
        new(credentials, new AmazonS3Config
        {
            ServiceURL = aws.Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = aws.Region,
            MaxErrorRetry = 0,
        });

    public static AmazonEC2Client Ec2(AwsTestDouble aws, AWSCredentials credentials) =>
        new(credentials, new AmazonEC2Config
        {
            ServiceURL = aws.Endpoint.ToString(),
            AuthenticationRegion = aws.Region,
            MaxErrorRetry = 0,
        });

    /// <summary>Assumes <see cref="RoleArn"/> with an optional session policy and returns the session credentials.</summary>
    public static async Task<Amazon.SecurityToken.Model.Credentials> AssumeAsync(AwsTestDouble aws, string? policy = null, int durationSeconds = 900)
    {
        using var sts = Sts(aws);
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = RoleArn,
            RoleSessionName = "call-test",
            Policy = policy,
            DurationSeconds = durationSeconds,
        });
        return response.Credentials;
    }
}
