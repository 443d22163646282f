using System.Text.Json.Serialization;

namespace Sentrely.Audit;

/// <summary>The JSON Lines shape of an <see cref="AuditRecord"/>: DESIGN.md's field names, <c>arguments</c> embedded as JSON.</summary>
internal sealed class AuditJsonLine
{
    public required string Id { get; init; }

    public required long Seq { get; init; }

    public required string CallId { get; init; }

    public required string Time { get; init; }

    public required string Phase { get; init; }

    public required string SessionId { get; init; }

    public required string Developer { get; init; }

    public required string Project { get; init; }

    public required string Actor { get; init; }

    public string? Client { get; init; }

    public required string Transport { get; init; }

    public required string Tool { get; init; }

    [JsonConverter(typeof(RawJsonTextConverter))]
    public string? Arguments { get; init; }

    /// <summary>Gets the arguments text when it cannot be embedded byte for byte (not one JSON value, or with line breaks or surrounding blanks, or the literal <c>null</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ArgumentsText { get; init; }

    public required IReadOnlyList<string> Resources { get; init; }

    public required string Decision { get; init; }

    public required IReadOnlyList<string> RuleIds { get; init; }

    public string? Reason { get; init; }

    public string? RoleArn { get; init; }

    public string? RoleSessionName { get; init; }

    public string? SourceIdentity { get; init; }

    public required IReadOnlyList<string> AwsRequestIds { get; init; }

    public string? Outcome { get; init; }

    public string? ErrorCode { get; init; }

    public long? DurationMs { get; init; }

    public required string PrevHash { get; init; }

    public required string Hash { get; init; }

    // Omitted when null, so logs written without a key export exactly as before the column existed.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Hmac { get; init; }
}
