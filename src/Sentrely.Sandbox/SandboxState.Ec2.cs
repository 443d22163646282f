using System.Security.Cryptography;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox;

/// <summary>EC2 resources of the simulated account.</summary>
public sealed partial class SandboxState
{
    private readonly List<Ec2Instance> _instances = [];

    internal HashSet<string> Images { get; } = new(StringComparer.Ordinal);

    internal HashSet<string> Subnets { get; } = new(StringComparer.Ordinal);

    internal HashSet<string> SecurityGroups { get; } = new(StringComparer.Ordinal);

    internal HashSet<string> KeyPairs { get; } = new(StringComparer.Ordinal);

    internal List<Ec2Instance> InstanceList => _instances;

    /// <summary>Gets snapshots of all instances in launch order.</summary>
    public IReadOnlyList<Ec2InstanceInfo> Instances
    {
        get
        {
            lock (Gate)
            {
                return [.. _instances.Select(i => i.ToInfo())];
            }
        }
    }

    /// <summary>Registers an AMI that RunInstances may launch.</summary>
    /// <param name="imageId">The AMI ID (ami-…).</param>
    public void AddImage(string imageId) => AddTo(Images, imageId);

    /// <summary>Registers a subnet.</summary>
    /// <param name="subnetId">The subnet ID (subnet-…).</param>
    public void AddSubnet(string subnetId) => AddTo(Subnets, subnetId);

    /// <summary>Registers a security group.</summary>
    /// <param name="groupId">The group ID (sg-…).</param>
    public void AddSecurityGroup(string groupId) => AddTo(SecurityGroups, groupId);

    /// <summary>Registers a key pair name.</summary>
    /// <param name="keyName">The key pair name.</param>
    public void AddKeyPair(string keyName) => AddTo(KeyPairs, keyName);

    /// <summary>Adds an instance.</summary>
    /// <param name="seed">The instance.</param>
    /// <returns>The instance ID.</returns>
    public string AddInstance(Ec2InstanceSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var instance = new Ec2Instance
        {
            InstanceId = seed.InstanceId ?? NewId("i-"),
            ReservationId = NewId("r-"),
            InstanceType = seed.InstanceType,
            ImageId = seed.ImageId,
            SubnetId = seed.SubnetId,
            State = seed.State,
            LaunchTime = Time.GetUtcNow(),
        };
        foreach (var (key, value) in seed.Tags)
        {
            instance.Tags[key] = value;
        }

        lock (Gate)
        {
            if (_instances.Exists(i => i.InstanceId == instance.InstanceId))
            {
                throw new ArgumentException($"Instance {instance.InstanceId} already exists.", nameof(seed));
            }

            _instances.Add(instance);
        }

        return instance.InstanceId;
    }

    /// <summary>Gets a snapshot of an instance, or <see langword="null"/>.</summary>
    /// <param name="instanceId">The instance ID.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    public Ec2InstanceInfo? GetInstance(string instanceId)
    {
        lock (Gate)
        {
            return _instances.Find(i => i.InstanceId == instanceId)?.ToInfo();
        }
    }

    internal static string NewId(string prefix) => prefix + RandomNumberGenerator.GetHexString(17, lowercase: true);

    private void AddTo(HashSet<string> set, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (Gate)
        {
            set.Add(id);
        }
    }
}
