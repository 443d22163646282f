namespace Sentrely.Configuration;

/// <summary>Gets <c>server.approvals</c>: who may answer an approval on the team server.</summary>
public sealed record ServerApprovalsConfig
{
    /// <summary>
    /// Gets whether the team server asks the MCP client to confirm a call (elicitation). The client answering is the token
    /// holder's own agent, so the default is false: a call that needs approval gets an approval id, and a reviewer other than
    /// the caller approves it out of band.
    /// </summary>
    public bool InSession { get; init; }
}
