namespace Sentrely.Configuration;

/// <summary>Gets <c>server.limits</c>: what one token may hold open on the team server, and the largest request it may send.</summary>
public sealed record ServerLimitsConfig
{
    /// <summary>Gets the most tool calls one token may have running at once; more are refused with <c>rate_limited</c>.</summary>
    public int ConcurrentCallsPerToken { get; init; } = 8;

    /// <summary>Gets the most MCP sessions one token may hold open; another <c>initialize</c> gets HTTP 429.</summary>
    public int SessionsPerToken { get; init; } = 32;

    /// <summary>Gets the largest HTTP request body accepted at <c>/mcp</c>, in bytes; a larger one is refused before it is parsed.</summary>
    public long MaxRequestBytes { get; init; } = 12 * 1024 * 1024;
}
