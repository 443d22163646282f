namespace Sentrely.Sandbox;

/// <summary>An EC2 instance to seed into <see cref="SandboxState"/>.</summary>
public sealed class Ec2InstanceSeed
{
    /// <summary>Gets the instance ID; generated when <see langword="null"/>.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Gets the instance type.</summary>
    /// <value><c>t3.micro</c>.</value>
    public string InstanceType { get; init; } = "t3.micro";

    /// <summary>Gets the state name (pending, running, stopping, stopped, shutting-down, terminated).</summary>
    /// <value><c>running</c>.</value>
    public string State { get; init; } = "running";

    /// <summary>Gets the AMI the instance was launched from.</summary>
    /// <value><c>ami-0123456789abcdef0</c>.</value>
    public string ImageId { get; init; } = "ami-0123456789abcdef0";

    /// <summary>Gets the subnet, if any.</summary>
    public string? SubnetId { get; init; }

    /// <summary>Gets the tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
