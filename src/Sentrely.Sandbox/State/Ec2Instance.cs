namespace Sentrely.Sandbox.State;

/// <summary>An EC2 instance's mutable state; only touched under <see cref="SandboxState.Gate"/>.</summary>
internal sealed class Ec2Instance
{
    public required string InstanceId { get; init; }

    public required string ReservationId { get; init; }

    public required string InstanceType { get; init; }

    public required string ImageId { get; init; }

    public string? SubnetId { get; init; }

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public string? KeyName { get; init; }

    public DateTimeOffset LaunchTime { get; init; }

    public required string State { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public Ec2InstanceInfo ToInfo() => new(
        InstanceId, InstanceType, State, ImageId, SubnetId, SecurityGroupIds, KeyName,
        new Dictionary<string, string>(Tags, StringComparer.Ordinal), LaunchTime);

    public static int StateCode(string state) => state switch
    {
        "pending" => 0,
        "running" => 16,
        "shutting-down" => 32,
        "terminated" => 48,
        "stopping" => 64,
        "stopped" => 80,
        _ => 0,
    };
}
