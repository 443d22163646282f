using Amazon.EC2;
using Amazon.S3;
using Sentrely.Aws.Credentials;
using Sentrely.Aws.Lambda;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools;

/// <summary>Creates AWS clients from a call's vended credentials only; the base credentials never reach a tool.</summary>
/// <param name="factory">Returns the client factory (bound once the configuration is loaded).</param>
/// <param name="time">The clock (polling waits).</param>
internal sealed class AwsClients(Func<AwsClientFactory> factory, TimeProvider time)
{
    public TimeProvider Time => time;

    public IAmazonS3 S3(ToolInvocation invocation) => factory().CreateS3(Credentials(invocation));

    public IAmazonEC2 Ec2(ToolInvocation invocation) => factory().CreateEc2(Credentials(invocation));

    public ILambdaApi Lambda(ToolInvocation invocation) => factory().CreateLambda(Credentials(invocation));

    private static AwsScopedCredentials Credentials(ToolInvocation invocation) =>
        invocation.Credentials as AwsScopedCredentials
        ?? throw new InvalidOperationException("an AWS tool ran without vended AWS credentials");
}
