using System.Text.Json;
using ModelContextProtocol.Protocol;
using Sentrely.Pipeline;

namespace Sentrely.Mcp.Tools;

/// <summary>Turns a pipeline outcome into a <c>tools/call</c> result (DESIGN.md "Results and refusals").</summary>
internal static class OutcomeResults
{
    public static CallToolResult ToResult(ToolCallOutcome outcome)
    {
        if (!outcome.IsError && outcome.Structured is { } structured)
        {
            return new CallToolResult
            {
                Content = [new TextContentBlock { Text = structured.GetRawText() }],
                StructuredContent = structured,
                IsError = false,
            };
        }

        var refusal = Refusal(outcome);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = outcome.Message }],
            StructuredContent = refusal,
            IsError = outcome.IsError,
        };
    }

    private static JsonElement Refusal(ToolCallOutcome outcome) => JsonObjects.ToElement(w =>
    {
        w.WriteString("decision", outcome.Decision);
        w.WriteString("reason", outcome.Message);
        w.WriteStrings("ruleIds", outcome.RuleIds);
        w.WriteString("callId", outcome.CallId);
        if (outcome.ApprovalId is { } approvalId)
        {
            w.WriteString("approvalId", approvalId);
        }

        if (outcome.RetryAfterSeconds is { } retry)
        {
            w.WriteNumber("retryAfterSeconds", retry);
        }

        if (outcome.AwsErrorCode is { } code)
        {
            w.WriteString("awsErrorCode", code);
        }
    });
}
