using System.Text.Json;

namespace Sentrely.Invocation;

/// <summary>Gets the result of a performed call: structured content, or an AWS failure.</summary>
public sealed record ToolInvocationResult
{
    /// <summary>Gets a value indicating whether the call succeeded.</summary>
    public bool Succeeded => AwsErrorCode is null;

    /// <summary>Gets the structured result (matches the tool's output schema) on success.</summary>
    public JsonElement? Structured { get; init; }

    /// <summary>Gets a one-line human summary.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the AWS error code on failure (for example <c>NoSuchKey</c>, <c>PreconditionFailed</c>).</summary>
    public string? AwsErrorCode { get; init; }

    /// <summary>Gets the seconds after which AWS suggests retrying (throttling).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Gets the AWS request ids of every AWS request the call made.</summary>
    public IReadOnlyList<string> AwsRequestIds { get; init; } = [];

    /// <summary>Returns a success.</summary>
    public static ToolInvocationResult Success(JsonElement structured, string message, IReadOnlyList<string> requestIds) =>
        new() { Structured = structured, Message = message, AwsRequestIds = requestIds };

    /// <summary>Returns an AWS failure; <paramref name="message"/> must be safe for the agent.</summary>
    public static ToolInvocationResult Failure(string awsErrorCode, string message, IReadOnlyList<string> requestIds, int? retryAfterSeconds = null) =>
        new() { AwsErrorCode = awsErrorCode, Message = message, AwsRequestIds = requestIds, RetryAfterSeconds = retryAfterSeconds };
}
