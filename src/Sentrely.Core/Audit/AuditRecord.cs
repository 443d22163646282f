namespace Sentrely.Audit;

/// <summary>
/// Gets one audit record as stored: DESIGN.md's field set. A call writes two records sharing
/// <see cref="CallId"/>: an <c>intent</c> before any AWS request and an <c>outcome</c> after.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>Gets the record id, <c>aud_</c> and random letters and digits.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the position in the log, from 1 with no gaps.</summary>
    public long Seq { get; init; }

    /// <summary>Gets the id shared by a call's records.</summary>
    public required string CallId { get; init; }

    /// <summary>Gets when the record was written (UTC, millisecond precision).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Gets <c>intent</c> or <c>outcome</c>.</summary>
    public required string Phase { get; init; }

    /// <summary>Gets the session id.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the developer.</summary>
    public required string Developer { get; init; }

    /// <summary>Gets the project.</summary>
    public required string Project { get; init; }

    /// <summary>Gets the actor, <c>agent</c> for tool calls.</summary>
    public required string Actor { get; init; }

    /// <summary>Gets the MCP client as <c>name/version</c>.</summary>
    public string? Client { get; init; }

    /// <summary>Gets the transport (<c>stdio</c>, <c>http</c>).</summary>
    public required string Transport { get; init; }

    /// <summary>Gets the tool name as requested (unknown names included).</summary>
    public required string Tool { get; init; }

    /// <summary>Gets the arguments as given, as a JSON object text, with blobs replaced by size and SHA-256 and masked fields masked.</summary>
    public string? Arguments { get; init; }

    /// <summary>Gets the call's resource ARNs.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Gets the decision: <c>allow deny rate_limited cost_limited approval_pending approved rejected killed</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>Gets the ids of the rules that decided.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>Gets the human-readable reason of the decision or failure.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the role assumed for the call.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Gets the RoleSessionName of the credentials used (CloudTrail's session name).</summary>
    public string? RoleSessionName { get; init; }

    /// <summary>Gets the SourceIdentity of the credentials used.</summary>
    public string? SourceIdentity { get; init; }

    /// <summary>Gets the AWS request ids of the call's AWS requests.</summary>
    public IReadOnlyList<string> AwsRequestIds { get; init; } = [];

    /// <summary>Gets <c>ok</c>, <c>error</c> or <c>unknown</c>; null on intent records.</summary>
    public string? Outcome { get; init; }

    /// <summary>Gets the AWS or Sentrely error code of a failed call.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the call's duration in milliseconds (outcome records).</summary>
    public long? DurationMs { get; init; }

    /// <summary>Gets the previous record's hash (64 zeros for the first record).</summary>
    public string PrevHash { get; init; } = "";

    /// <summary>Gets this record's hash over its canonical form and <see cref="PrevHash"/>.</summary>
    public string Hash { get; init; } = "";

    /// <summary>
    /// Gets the HMAC-SHA256 of <see cref="Hash"/> under the operator's key (<see cref="AuditSigner"/>), lowercase hex;
    /// null when no key was configured. Not part of the canonical form: it signs the hash, which covers everything else.
    /// </summary>
    public string? Hmac { get; init; }
}
