using System.Text;

namespace Sentrely.Sandbox;

/// <summary>
/// Seeds a small, believable account for <c>serve --sandbox</c> and <c>demo</c>: a deployment bucket with
/// build artifacts, a few Lambda functions (one production), a few EC2 instances, and the images, subnets
/// and security groups to launch more.
/// </summary>
public static class SandboxAccount
{
    /// <summary>Gets the deployment bucket.</summary>
    public const string DeploymentBucket = "acme-deployments";

    /// <summary>Gets a bucket the sandbox policy does not grant.</summary>
    public const string AuditBucket = "acme-audit-logs";

    /// <summary>Gets the AMI launches use.</summary>
    public const string Image = "ami-0a1b2c3d4e5f60718";

    /// <summary>Gets the default subnet.</summary>
    public const string Subnet = "subnet-0a1b2c3d4e5f60718";

    /// <summary>Gets the default security group.</summary>
    public const string SecurityGroup = "sg-0a1b2c3d4e5f60718";

    /// <summary>Gets the running CI runner instance.</summary>
    public const string CiRunner1 = "i-0a1b2c3d4e5f60001";

    /// <summary>Gets the stopped CI runner instance.</summary>
    public const string CiRunner2 = "i-0a1b2c3d4e5f60002";

    /// <summary>Gets the reporting database instance.</summary>
    public const string ReportingDb = "i-0a1b2c3d4e5f60003";

    /// <summary>Seeds <paramref name="state"/>.</summary>
    /// <param name="state">The test double's state.</param>
    public static void Seed(SandboxState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.AddBucket(DeploymentBucket);
        state.AddBucket(AuditBucket);
        foreach (var version in new[] { "1.4.1", "1.4.2" })
        {
            state.PutObject(DeploymentBucket, $"builds/{version}/webhooks.zip", Encoding.UTF8.GetBytes($"PK (webhooks {version})"), "application/zip");
            state.PutObject(DeploymentBucket, $"builds/{version}/release-notes.txt", Encoding.UTF8.GetBytes($"Release {version}: faster webhook retries.\n"), "text/plain");
        }

        state.PutObject(AuditBucket, "2026/11/27/cloudtrail.json.gz", Encoding.UTF8.GetBytes("not for agents"));
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://app:sandbox-password@db/app", ["LOG_LEVEL"] = "info" };
        state.AddFunction(new LambdaFunctionSeed { Name = "webhooks-dispatcher", Runtime = "nodejs20.x", Environment = env, Code = Encoding.UTF8.GetBytes("v1") });
        state.AddFunction(new LambdaFunctionSeed { Name = "webhooks-retry", Runtime = "nodejs20.x", Environment = env, Code = Encoding.UTF8.GetBytes("v1") });
        state.AddFunction(new LambdaFunctionSeed { Name = "payments-prod", Runtime = "java21", Handler = "com.acme.Payments::handle", Environment = env });
        state.AddImage(Image);
        state.AddSubnet(Subnet);
        state.AddSecurityGroup(SecurityGroup);
        state.AddInstance(new Ec2InstanceSeed { InstanceId = CiRunner1, InstanceType = "t3.medium", ImageId = Image, SubnetId = Subnet, Tags = Name("ci-runner-1") });
        state.AddInstance(new Ec2InstanceSeed { InstanceId = CiRunner2, InstanceType = "t3.medium", ImageId = Image, SubnetId = Subnet, State = "stopped", Tags = Name("ci-runner-2") });
        state.AddInstance(new Ec2InstanceSeed { InstanceId = ReportingDb, InstanceType = "r6i.2xlarge", ImageId = Image, SubnetId = Subnet, Tags = Name("reporting-db") });
    }

    private static Dictionary<string, string> Name(string name) => new() { ["Name"] = name };
}
