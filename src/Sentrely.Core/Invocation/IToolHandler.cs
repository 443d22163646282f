using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sentrely.Arguments;

namespace Sentrely.Invocation;

/// <summary>
/// Gets the code behind one curated tool: it turns the agent's raw arguments into a validated call
/// (rejecting anything malformed) and performs the AWS call with the credentials it is handed.
/// Every handler has exactly one manifest of the same name, and the reverse.
/// </summary>
public interface IToolHandler
{
    /// <summary>Gets the tool name; equals its manifest's name.</summary>
    string Name { get; }

    /// <summary>Gets the source-generated metadata of the typed arguments record (the input schema's source).</summary>
    JsonTypeInfo ArgumentsType { get; }

    /// <summary>Gets the source-generated metadata of the structured result (the output schema's source).</summary>
    JsonTypeInfo ResultType { get; }

    /// <summary>Gets the template values the handler adds beyond its arguments (for example <c>functionArn</c>).</summary>
    IReadOnlyList<string> DerivedValues => [];

    /// <summary>Parses and validates the raw arguments. Never "fixes up" a value: anything malformed is an error.</summary>
    /// <param name="arguments">The raw <c>arguments</c> object of <c>tools/call</c>.</param>
    /// <param name="context">Configuration and client facts validation needs (partition, account, file roots).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ArgumentValidationResult> ValidateAsync(JsonElement arguments, ArgumentContext context, CancellationToken cancellationToken);

    /// <summary>Performs the call. AWS errors are returned as failures, not thrown.</summary>
    /// <param name="invocation">The validated call and its credentials.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ToolInvocationResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
