namespace Sentrely.Audit;

/// <summary>Gets the result of checking an audit log's hash chain with <see cref="AuditVerifier"/>.</summary>
public sealed record AuditVerification
{
    /// <summary>Gets a value indicating whether every record is intact, linked and present (and the expected head matched, if given).</summary>
    public required bool Ok { get; init; }

    /// <summary>Gets how many records were found intact before the first problem (all of them when <see cref="Ok"/>).</summary>
    public required long Checked { get; init; }

    /// <summary>Gets the seq of the first bad or missing record; null when <see cref="Ok"/>.</summary>
    public long? FirstBadSeq { get; init; }

    /// <summary>Gets a sentence describing the first problem for a human; null when <see cref="Ok"/>.</summary>
    public string? Problem { get; init; }

    /// <summary>Gets the head of the intact part of the chain: the last record found intact; null when there is none.</summary>
    public AuditHead? Head { get; init; }

    /// <summary>Gets a value indicating whether each record's HMAC was checked against a configured key (false: the chain only).</summary>
    public bool SignaturesChecked { get; init; }
}
