using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sentrely.Arguments;

namespace Sentrely.Invocation;

/// <summary>
/// Gets the base of typed tool handlers: strict JSON binding of the arguments record (unknown members,
/// wrong types and missing required members are errors), then the handler's own rules.
/// </summary>
/// <typeparam name="TArguments">The typed arguments record; its properties and descriptions are the input schema.</typeparam>
/// <typeparam name="TResult">The structured result; its shape is the output schema.</typeparam>
public abstract class ToolHandler<TArguments, TResult> : IToolHandler
    where TArguments : class
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public JsonTypeInfo ArgumentsType => ArgumentsTypeInfo;

    /// <inheritdoc />
    public JsonTypeInfo ResultType => ResultTypeInfo;

    /// <inheritdoc />
    public virtual IReadOnlyList<string> DerivedValues => [];

    /// <summary>Gets the source-generated metadata of <typeparamref name="TArguments"/> (from a strict context).</summary>
    protected abstract JsonTypeInfo<TArguments> ArgumentsTypeInfo { get; }

    /// <summary>Gets the source-generated metadata of <typeparamref name="TResult"/>.</summary>
    protected abstract JsonTypeInfo<TResult> ResultTypeInfo { get; }

    /// <inheritdoc />
    public async ValueTask<ArgumentValidationResult> ValidateAsync(JsonElement arguments, ArgumentContext context, CancellationToken cancellationToken)
    {
        TArguments? typed;
        try
        {
            typed = arguments.Deserialize(ArgumentsTypeInfo);
        }
        catch (JsonException ex)
        {
            return ArgumentValidationResult.Invalid(StrictJson.Describe(ex));
        }

        if (typed is null)
        {
            return ArgumentValidationResult.Invalid("`arguments` must be a JSON object");
        }

        var values = new ArgumentValues();
        await ValidateAsync(typed, context, values, cancellationToken).ConfigureAwait(false);
        return values.Errors.Count > 0
            ? ArgumentValidationResult.Invalid(values.Errors)
            : ArgumentValidationResult.Valid(new ValidatedArguments { Typed = typed, Values = values.ToDictionary(), Contents = values.Contents });
    }

    /// <inheritdoc />
    public ValueTask<ToolInvocationResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return InvokeAsync((TArguments)invocation.Arguments.Typed, invocation, cancellationToken);
    }

    /// <summary>Checks the bound arguments by AWS's naming rules and records their values; adds an error per problem.</summary>
    /// <param name="arguments">The bound arguments.</param>
    /// <param name="context">Configuration and client facts.</param>
    /// <param name="values">Collects values and errors.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    protected abstract ValueTask ValidateAsync(TArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken);

    /// <summary>Performs the call.</summary>
    /// <param name="arguments">The validated arguments.</param>
    /// <param name="invocation">The call's session, credentials and progress reporter.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    protected abstract ValueTask<ToolInvocationResult> InvokeAsync(TArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken);

    /// <summary>Returns a success carrying <paramref name="result"/> as structured content.</summary>
    /// <param name="result">The result.</param>
    /// <param name="message">A one-line summary.</param>
    /// <param name="requestIds">The AWS request ids.</param>
    protected ToolInvocationResult Success(TResult result, string message, IReadOnlyList<string> requestIds) =>
        ToolInvocationResult.Success(JsonSerializer.SerializeToElement(result, ResultTypeInfo), message, requestIds);
}
