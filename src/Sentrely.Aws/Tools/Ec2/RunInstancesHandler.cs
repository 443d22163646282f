using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.Ec2;

/// <summary>
/// Launches instances: <c>ec2:RunInstances</c> with MinCount = MaxCount = count, the instance type pinned
/// by an <c>ec2:InstanceType</c> condition, and the launch tagged with the session that caused it.
/// </summary>
internal sealed class RunInstancesHandler(AwsClients clients) : ToolHandler<RunInstancesArguments, RunInstancesResult>
{
    /// <summary>The most instances one call may launch.</summary>
    public const int MaxCount = 10;

    public override string Name => "run-instances";

    protected override JsonTypeInfo<RunInstancesArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.RunInstancesArguments;

    protected override JsonTypeInfo<RunInstancesResult> ResultTypeInfo => AwsToolJsonContext.Default.RunInstancesResult;

    protected override ValueTask ValidateAsync(RunInstancesArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        values.Set("imageId", arguments.ImageId, AwsArgumentRules.CheckImageId("imageId", arguments.ImageId));
        values.Set("instanceType", arguments.InstanceType, AwsArgumentRules.CheckInstanceType("instanceType", arguments.InstanceType));
        if (arguments.Count is < 1 or > MaxCount)
        {
            values.Check($"`count` must be between 1 and {MaxCount}");
        }

        values.Set("count", arguments.Count);
        if (arguments.SubnetId is { } subnet)
        {
            values.Set("subnetId", subnet, AwsArgumentRules.CheckSubnetId("subnetId", subnet));
        }

        if (arguments.SecurityGroupIds is { Count: 0 or > 5 })
        {
            values.Check("`securityGroupIds` takes 1 to 5 ids");
        }

        values.SetAll("securityGroupIds", arguments.SecurityGroupIds, id => AwsArgumentRules.CheckSecurityGroupId("securityGroupIds", id));
        if (arguments.KeyName is { } keyName)
        {
            values.Set("keyName", keyName, AwsArgumentRules.CheckKeyName("keyName", keyName));
        }

        if (arguments.Tags is { Count: > 20 })
        {
            values.Check("`tags` takes at most 20 tags");
        }

        foreach (var (key, value) in arguments.Tags ?? new Dictionary<string, string>())
        {
            values.Check(AwsArgumentRules.CheckTag("tags", key, value));
            if (key.StartsWith("sentrely:", StringComparison.Ordinal))
            {
                values.Check("`tags` must not set `sentrely:` keys; Sentrely sets them itself");
            }
        }

        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(RunInstancesArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        using var ec2 = clients.Ec2(invocation);
        var session = invocation.Session;

        // Attribution tags let operators (and later cost limits) find what an agent launched.
        var tags = new List<Tag>
        {
            new("sentrely:session", session.SessionId),
            new("sentrely:developer", session.Developer),
            new("sentrely:project", session.Project),
        };
        tags.AddRange((arguments.Tags ?? new Dictionary<string, string>()).Select(t => new Tag(t.Key, t.Value)));
        try
        {
            var response = await ec2.RunInstancesAsync(
                new RunInstancesRequest
                {
                    ImageId = arguments.ImageId,
                    InstanceType = arguments.InstanceType,
                    MinCount = arguments.Count,
                    MaxCount = arguments.Count,
                    SubnetId = arguments.SubnetId,
                    SecurityGroupIds = arguments.SecurityGroupIds?.ToList(),
                    KeyName = arguments.KeyName,
                    TagSpecifications = [new TagSpecification { ResourceType = "instance", Tags = tags }],
                },
                cancellationToken).ConfigureAwait(false);
            var reservation = response.Reservation;
            var instances = (reservation?.Instances ?? []).Select(InstanceSummary.From).ToArray();
            return Success(new RunInstancesResult(reservation?.ReservationId, instances), $"launched {instances.Length} {arguments.InstanceType} instances", [response.ResponseMetadata.RequestId]);
        }
        catch (AmazonServiceException ex)
        {
            return AwsFailures.From(ex, []);
        }
    }
}

/// <summary>Gets the arguments of run-instances.</summary>
internal sealed record RunInstancesArguments
{
    [Description("The AMI id (ami-…).")]
    public required string ImageId { get; init; }

    [Description("The instance type, for example t3.micro. Policies usually limit it.")]
    public required string InstanceType { get; init; }

    [Description("How many instances to launch (exactly this many, 1-10).")]
    public required int Count { get; init; }

    [Description("The subnet id (subnet-…); omit for the default subnet.")]
    public string? SubnetId { get; init; }

    [Description("Security group ids (sg-…), 1 to 5.")]
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }

    [Description("The name of an existing key pair.")]
    public string? KeyName { get; init; }

    [Description("Tags for the instances (at most 20); Sentrely adds sentrely:session, sentrely:developer and sentrely:project.")]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>Gets the result of run-instances.</summary>
internal sealed record RunInstancesResult(string? ReservationId, IReadOnlyList<InstanceSummary> Instances);
