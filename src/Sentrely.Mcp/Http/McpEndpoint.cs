namespace Sentrely.Mcp.Http;

/// <summary>
/// Marks the MCP endpoints, so the request guard recognises every request routing sends there, whatever the spelling
/// of its path (route literals match without regard to case).
/// </summary>
internal sealed class McpEndpoint
{
    private McpEndpoint()
    {
    }

    /// <summary>The one marker.</summary>
    public static McpEndpoint Instance { get; } = new();
}
