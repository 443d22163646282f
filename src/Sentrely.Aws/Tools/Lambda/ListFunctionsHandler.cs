using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Sentrely.Arguments;
using Sentrely.Aws.Lambda;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.Lambda;

/// <summary>Lists functions: <c>lambda:ListFunctions</c>, which has no resource-level scope; environment variable names only.</summary>
internal sealed class ListFunctionsHandler(AwsClients clients) : ToolHandler<ListFunctionsArguments, ListFunctionsResult>
{
    public override string Name => "list-functions";

    protected override JsonTypeInfo<ListFunctionsArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.ListFunctionsArguments;

    protected override JsonTypeInfo<ListFunctionsResult> ResultTypeInfo => AwsToolJsonContext.Default.ListFunctionsResult;

    protected override ValueTask ValidateAsync(ListFunctionsArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        if (arguments.Marker is { } marker)
        {
            values.Check(AwsArgumentRules.CheckText("marker", marker, 1024));
        }

        if (arguments.MaxItems is { } max and (< 1 or > 1000))
        {
            values.Check("`maxItems` must be between 1 and 1000");
        }

        values.Set("maxItems", arguments.MaxItems);
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(ListFunctionsArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        using var lambda = clients.Lambda(invocation);
        try
        {
            var response = await lambda.ListFunctionsAsync(arguments.Marker, arguments.MaxItems ?? 50, cancellationToken).ConfigureAwait(false);
            var functions = response.Functions.ToArray();
            return Success(new ListFunctionsResult(functions, response.NextMarker), $"{functions.Length} functions", response.RequestId is { } id ? [id] : []);
        }
        catch (LambdaApiException ex)
        {
            return LambdaFailures.From(ex, []);
        }
    }
}

/// <summary>Gets the arguments of list-functions.</summary>
internal sealed record ListFunctionsArguments
{
    [Description("The nextMarker of a previous page.")]
    public string? Marker { get; init; }

    [Description("Page size (1-1000, default 50).")]
    public int? MaxItems { get; init; }
}

/// <summary>Gets the result of list-functions.</summary>
internal sealed record ListFunctionsResult(IReadOnlyList<FunctionConfiguration> Functions, string? NextMarker);
