using System.Diagnostics;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Sentrely.Harness;

/// <summary>
/// The baseline: the same DescribeInstances request signed and sent by the AWS SDK (AmazonEC2Client, static session
/// credentials from one untimed AssumeRole) to the same double, in this process.
/// </summary>
internal static class DirectSdkBench
{
    public static async Task<PerCallResult> RunAsync(BenchWorld world, int warmUp, int calls, CancellationToken ct)
    {
        var endpoint = world.Double.Endpoint.AbsoluteUri;
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials(world.Double.BaseAccessKeyId, world.Double.BaseSecretAccessKey),
            new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint, AuthenticationRegion = world.Double.Region });
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = BenchWorld.ReadRole, RoleSessionName = "bench-direct", DurationSeconds = 900 }, ct);
        var c = assumed.Credentials;
        using var ec2 = new AmazonEC2Client(
            new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
            new AmazonEC2Config { ServiceURL = endpoint, AuthenticationRegion = world.Double.Region });

        world.Double.ClearRecords();
        var request = new DescribeInstancesRequest();
        for (var i = 0; i < warmUp; i++)
        {
            await ec2.DescribeInstancesAsync(request, ct);
        }

        var samples = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await ec2.DescribeInstancesAsync(request, ct);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (response.Reservations is not { Count: > 0 })
            {
                throw new InvalidOperationException("direct SDK: DescribeInstances returned no reservations");
            }
        }

        return PerCallBench.Summarize("AWS SDK direct", world, samples, 0, 0);
    }
}
