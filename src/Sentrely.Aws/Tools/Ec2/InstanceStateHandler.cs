using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.Ec2;

/// <summary>The start, stop and terminate tools: one EC2 state change on exactly the named instances.</summary>
internal abstract class InstanceStateHandler(AwsClients clients) : ToolHandler<InstanceIdsArguments, InstanceStateChangesResult>
{
    /// <summary>The most instances one call may change (a session policy names each one).</summary>
    public const int MaxInstances = 20;

    protected override JsonTypeInfo<InstanceIdsArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.InstanceIdsArguments;

    protected override JsonTypeInfo<InstanceStateChangesResult> ResultTypeInfo => AwsToolJsonContext.Default.InstanceStateChangesResult;

    protected abstract string Verb { get; }

    protected override ValueTask ValidateAsync(InstanceIdsArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        if (arguments.InstanceIds.Count is 0 or > MaxInstances)
        {
            values.Check($"`instanceIds` takes 1 to {MaxInstances} ids");
        }

        values.SetAll("instanceIds", arguments.InstanceIds, id => AwsArgumentRules.CheckInstanceId("instanceIds", id));
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(InstanceIdsArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        using var ec2 = clients.Ec2(invocation);
        try
        {
            var (changes, requestId) = await ChangeAsync(ec2, arguments.InstanceIds.Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
            var result = new InstanceStateChangesResult(changes.Select(c => new InstanceStateChangeSummary(c.InstanceId, c.PreviousState?.Name?.Value, c.CurrentState?.Name?.Value)).ToArray());
            return Success(result, $"{Verb} {result.Instances.Count} instances", [requestId]);
        }
        catch (AmazonServiceException ex)
        {
            return AwsFailures.From(ex, []);
        }
    }

    protected abstract Task<(List<InstanceStateChange> Changes, string RequestId)> ChangeAsync(IAmazonEC2 ec2, List<string> instanceIds, CancellationToken cancellationToken);
}

/// <summary>start-instances.</summary>
internal sealed class StartInstancesHandler(AwsClients clients) : InstanceStateHandler(clients)
{
    public override string Name => "start-instances";

    protected override string Verb => "starting";

    protected override async Task<(List<InstanceStateChange>, string)> ChangeAsync(IAmazonEC2 ec2, List<string> instanceIds, CancellationToken cancellationToken)
    {
        var r = await ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = instanceIds }, cancellationToken).ConfigureAwait(false);
        return (r.StartingInstances ?? [], r.ResponseMetadata.RequestId);
    }
}

/// <summary>stop-instances.</summary>
internal sealed class StopInstancesHandler(AwsClients clients) : InstanceStateHandler(clients)
{
    public override string Name => "stop-instances";

    protected override string Verb => "stopping";

    protected override async Task<(List<InstanceStateChange>, string)> ChangeAsync(IAmazonEC2 ec2, List<string> instanceIds, CancellationToken cancellationToken)
    {
        var r = await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = instanceIds }, cancellationToken).ConfigureAwait(false);
        return (r.StoppingInstances ?? [], r.ResponseMetadata.RequestId);
    }
}

/// <summary>terminate-instances (destructive; its manifest requires approval).</summary>
internal sealed class TerminateInstancesHandler(AwsClients clients) : InstanceStateHandler(clients)
{
    public override string Name => "terminate-instances";

    protected override string Verb => "terminating";

    protected override async Task<(List<InstanceStateChange>, string)> ChangeAsync(IAmazonEC2 ec2, List<string> instanceIds, CancellationToken cancellationToken)
    {
        var r = await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = instanceIds }, cancellationToken).ConfigureAwait(false);
        return (r.TerminatingInstances ?? [], r.ResponseMetadata.RequestId);
    }
}

/// <summary>Gets the arguments of the state-change tools.</summary>
internal sealed record InstanceIdsArguments
{
    [Description("The instance ids (i-…), 1 to 20.")]
    public required IReadOnlyList<string> InstanceIds { get; init; }
}

/// <summary>Gets the result of a state change.</summary>
internal sealed record InstanceStateChangesResult(IReadOnlyList<InstanceStateChangeSummary> Instances);

/// <summary>Gets one instance's state change.</summary>
internal sealed record InstanceStateChangeSummary(string InstanceId, string? PreviousState, string? CurrentState);
