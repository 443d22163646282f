namespace Sentrely.Sessions;

/// <summary>Gets one server session as the registry holds it (DESIGN.md: <c>sentrely sessions list</c>).</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="Developer">The developer, as far as known (fixed on the first call).</param>
/// <param name="Project">The project, as far as known (fixed on the first call).</param>
/// <param name="ClientName">The MCP client's name, once known.</param>
/// <param name="ClientVersion">The MCP client's version, once known.</param>
/// <param name="Transport">The transport.</param>
/// <param name="Pid">The server's process id.</param>
/// <param name="Host">The host the server runs on.</param>
/// <param name="Started">When the session started.</param>
public sealed record SessionRecord(
    string SessionId,
    string Developer,
    string Project,
    string? ClientName,
    string? ClientVersion,
    string Transport,
    int Pid,
    string Host,
    DateTimeOffset Started)
{
    /// <summary>Gets when the session last made a tool call; null before the first.</summary>
    public DateTimeOffset? LastCall { get; init; }

    /// <summary>Gets when the session ended (clean shutdown or orphan recovery); null while running.</summary>
    public DateTimeOffset? Ended { get; init; }
}
