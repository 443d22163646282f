using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Sentrely.Arguments;
using Sentrely.Aws.Lambda;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.Lambda;

/// <summary>Reads a function's configuration: <c>lambda:GetFunctionConfiguration</c>; environment variable names only.</summary>
internal sealed class GetFunctionHandler(AwsClients clients) : ToolHandler<GetFunctionArguments, FunctionConfiguration>
{
    public override string Name => "get-function";

    public override IReadOnlyList<string> DerivedValues => ["functionArn"];

    protected override JsonTypeInfo<GetFunctionArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.GetFunctionArguments;

    protected override JsonTypeInfo<FunctionConfiguration> ResultTypeInfo => AwsToolJsonContext.Default.FunctionConfiguration;

    protected override ValueTask ValidateAsync(GetFunctionArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        LambdaArguments.SetFunction(values, arguments.FunctionName, context);
        if (arguments.Qualifier is { } qualifier)
        {
            values.Set("qualifier", qualifier, AwsArgumentRules.CheckQualifier("qualifier", qualifier));
        }

        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(GetFunctionArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        using var lambda = clients.Lambda(invocation);
        try
        {
            var name = invocation.Arguments.Values["functionName"][0];
            var response = await lambda.GetFunctionConfigurationAsync(name, arguments.Qualifier, cancellationToken).ConfigureAwait(false);
            return Success(response.Configuration, $"function {name}", response.RequestId is { } id ? [id] : []);
        }
        catch (LambdaApiException ex)
        {
            return LambdaFailures.From(ex, []);
        }
    }
}

/// <summary>Gets the arguments of get-function.</summary>
internal sealed record GetFunctionArguments
{
    [Description("The function name, or its unqualified ARN in the configured account and region.")]
    public required string FunctionName { get; init; }

    [Description("A version number, an alias, or $LATEST.")]
    public string? Qualifier { get; init; }
}
