using System.Text.Json;

namespace Sentrely.Pipeline;

/// <summary>Gets what the transport returns to the agent: a structured success, or an error with DESIGN.md's refusal fields.</summary>
public sealed record ToolCallOutcome
{
    /// <summary>Gets a value indicating whether the result is an error (<c>isError: true</c>).</summary>
    public required bool IsError { get; init; }

    /// <summary>Gets the text a human understands.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the structured result of a success.</summary>
    public JsonElement? Structured { get; init; }

    /// <summary>Gets the audit decision.</summary>
    public required string Decision { get; init; }

    /// <summary>Gets the deciding rule ids.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>Gets the approval id, when one is pending.</summary>
    public string? ApprovalId { get; init; }

    /// <summary>Gets the seconds after which a retry may succeed.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Gets the AWS error code of a failed AWS call.</summary>
    public string? AwsErrorCode { get; init; }

    /// <summary>Gets the call id, shared with the audit records.</summary>
    public required string CallId { get; init; }
}
