using System.Text.Json;

namespace Sentrely.Mcp.Demo;

/// <summary>One scripted agent call and what Sentrely must answer.</summary>
/// <param name="Story">What the agent is trying to do, in words.</param>
/// <param name="Tool">The tool.</param>
/// <param name="Arguments">The arguments.</param>
/// <param name="ExpectAllowed">Whether the call must succeed.</param>
/// <param name="ExpectInReason">For refusals: a phrase the reason must contain.</param>
/// <param name="Summary">For successes: a one-line summary of the structured result.</param>
internal sealed record DemoStep(
    string Story,
    string Tool,
    Dictionary<string, object?> Arguments,
    bool ExpectAllowed,
    string? ExpectInReason = null,
    Func<JsonElement, string>? Summary = null);
