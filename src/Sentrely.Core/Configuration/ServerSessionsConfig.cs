namespace Sentrely.Configuration;

/// <summary>Gets <c>server.sessions</c>: how long the team server keeps an MCP session nobody uses.</summary>
public sealed record ServerSessionsConfig
{
    /// <summary>Gets the idle time after which a session ends (its registry row is marked ended and its memory released).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);
}
