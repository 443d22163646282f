using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.Ec2;

/// <summary>Describes instances: <c>ec2:DescribeInstances</c>, which has no resource-level scope.</summary>
internal sealed class DescribeInstancesHandler(AwsClients clients) : ToolHandler<DescribeInstancesArguments, DescribeInstancesResult>
{
    private static readonly string[] FilterNames =
        ["instance-id", "instance-state-name", "instance-type", "image-id", "subnet-id", "vpc-id", "availability-zone", "tag-key"];

    public override string Name => "describe-instances";

    protected override JsonTypeInfo<DescribeInstancesArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.DescribeInstancesArguments;

    protected override JsonTypeInfo<DescribeInstancesResult> ResultTypeInfo => AwsToolJsonContext.Default.DescribeInstancesResult;

    protected override ValueTask ValidateAsync(DescribeInstancesArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        if (arguments.InstanceIds is { Count: > 100 })
        {
            values.Check("`instanceIds` takes at most 100 ids");
        }

        values.SetAll("instanceIds", arguments.InstanceIds, id => AwsArgumentRules.CheckInstanceId("instanceIds", id));
        foreach (var filter in arguments.Filters ?? [])
        {
            // Filter values never reach a policy (DescribeInstances has no resource scope), so EC2's own wildcards are fine here.
            if (!FilterNames.Contains(filter.Name, StringComparer.Ordinal) && !filter.Name.StartsWith("tag:", StringComparison.Ordinal))
            {
                values.Check($"filter {AwsArgumentRules.Quote(filter.Name)} is not supported; use one of {string.Join(", ", FilterNames)} or tag:KEY");
            }

            values.Check(AwsArgumentRules.CheckText("filters.name", filter.Name, 255));
            foreach (var value in filter.Values)
            {
                values.Check(AwsArgumentRules.CheckText("filters.values", value, 255));
            }
        }

        if (arguments.Filters is { Count: > 20 })
        {
            values.Check("`filters` takes at most 20 filters");
        }

        if (arguments.MaxResults is { } max and (< 5 or > 1000))
        {
            values.Check("`maxResults` must be between 5 and 1000");
        }

        if (arguments.NextToken is { } token)
        {
            values.Check(AwsArgumentRules.CheckText("nextToken", token, 4096));
        }

        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(DescribeInstancesArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        using var ec2 = clients.Ec2(invocation);
        try
        {
            var request = new DescribeInstancesRequest
            {
                InstanceIds = arguments.InstanceIds?.ToList(),
                Filters = arguments.Filters?.Select(f => new Filter(f.Name, f.Values.ToList())).ToList(),
                NextToken = arguments.NextToken,
            };

            // EC2 refuses MaxResults together with InstanceIds.
            if (arguments.InstanceIds is null)
            {
                request.MaxResults = arguments.MaxResults ?? 100;
            }

            var response = await ec2.DescribeInstancesAsync(request, cancellationToken).ConfigureAwait(false);
            var instances = (response.Reservations ?? []).SelectMany(r => r.Instances ?? []).Select(InstanceSummary.From).ToArray();
            return Success(new DescribeInstancesResult(instances, response.NextToken), $"{instances.Length} instances", [response.ResponseMetadata.RequestId]);
        }
        catch (AmazonServiceException ex)
        {
            return AwsFailures.From(ex, []);
        }
    }
}

/// <summary>Gets the arguments of describe-instances.</summary>
internal sealed record DescribeInstancesArguments
{
    [Description("Instance ids to describe (i-…); omit to describe all.")]
    public IReadOnlyList<string>? InstanceIds { get; init; }

    [Description("EC2 filters, for example {\"name\":\"instance-state-name\",\"values\":[\"running\"]}.")]
    public IReadOnlyList<InstanceFilter>? Filters { get; init; }

    [Description("Page size (5-1000, default 100); not with instanceIds.")]
    public int? MaxResults { get; init; }

    [Description("The nextToken of a previous page.")]
    public string? NextToken { get; init; }
}

/// <summary>Gets one EC2 filter.</summary>
internal sealed record InstanceFilter
{
    [Description("The filter name: instance-id, instance-state-name, instance-type, image-id, subnet-id, vpc-id, availability-zone, tag-key or tag:KEY.")]
    public required string Name { get; init; }

    [Description("The values to match.")]
    public required IReadOnlyList<string> Values { get; init; }
}

/// <summary>Gets the result of describe-instances.</summary>
internal sealed record DescribeInstancesResult(IReadOnlyList<InstanceSummary> Instances, string? NextToken);
