namespace Sentrely.Sandbox;

/// <summary>A snapshot of an EC2 instance.</summary>
/// <param name="InstanceId">The instance ID.</param>
/// <param name="InstanceType">The instance type.</param>
/// <param name="State">The state name.</param>
/// <param name="ImageId">The AMI.</param>
/// <param name="SubnetId">The subnet, if any.</param>
/// <param name="SecurityGroupIds">The security groups.</param>
/// <param name="KeyName">The key pair, if any.</param>
/// <param name="Tags">The tags.</param>
/// <param name="LaunchTime">When it was launched.</param>
public sealed record Ec2InstanceInfo(
    string InstanceId,
    string InstanceType,
    string State,
    string ImageId,
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    string? KeyName,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset LaunchTime);
