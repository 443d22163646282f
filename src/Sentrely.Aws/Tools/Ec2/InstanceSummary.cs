using Amazon.EC2.Model;

namespace Sentrely.Aws.Tools.Ec2;

/// <summary>Gets one instance as the agent sees it.</summary>
internal sealed record InstanceSummary(
    string InstanceId,
    string? InstanceType,
    string? State,
    string? ImageId,
    string? SubnetId,
    string? PrivateIpAddress,
    string? PublicIpAddress,
    DateTime? LaunchTime,
    IReadOnlyDictionary<string, string> Tags)
{
    public static InstanceSummary From(Instance i) => new(
        i.InstanceId,
        i.InstanceType?.Value,
        i.State?.Name?.Value,
        i.ImageId,
        i.SubnetId,
        i.PrivateIpAddress,
        i.PublicIpAddress,
        i.LaunchTime,
        (i.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value ?? "", StringComparer.Ordinal));
}
