namespace Sentrely.Sessions;

/// <summary>Gets the identity and origin of one agent session; every call and audit record carries it.</summary>
/// <param name="SessionId">The session id, <c>sess_</c> followed by random letters and digits.</param>
/// <param name="Developer">The developer the agent acts for (also the STS SourceIdentity).</param>
/// <param name="Project">The project the session works on.</param>
/// <param name="Actor">Who makes the calls; always <c>agent</c> for MCP sessions.</param>
/// <param name="ClientName">The MCP client's name from <c>initialize</c>, when known.</param>
/// <param name="ClientVersion">The MCP client's version from <c>initialize</c>, when known.</param>
/// <param name="Transport">The transport, <c>stdio</c> or <c>http</c>.</param>
public sealed record SessionContext(
    string SessionId,
    string Developer,
    string Project,
    string Actor,
    string? ClientName,
    string? ClientVersion,
    string Transport)
{
    /// <summary>
    /// Gets the id of the API token (or <c>jwt:</c> + developer for an OIDC caller) that opened this HTTP session; null for
    /// stdio and unauthenticated HTTP. Limits written <c>per: session</c> are also counted per token, so a caller cannot
    /// reset them by opening a new session.
    /// </summary>
    public string? TokenId { get; init; }

    /// <summary>Gets the client as recorded in audit records: <c>name/version</c>.</summary>
    public string? Client => ClientName is null ? null : ClientVersion is null ? ClientName : $"{ClientName}/{ClientVersion}";
}
