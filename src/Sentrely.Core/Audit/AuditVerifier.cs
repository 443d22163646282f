using System.Runtime.CompilerServices;

namespace Sentrely.Audit;

/// <summary>Checks an audit log's hash chain and reports the first altered, inserted, reordered or missing record.</summary>
public static class AuditVerifier
{
    /// <summary>
    /// Reads <paramref name="records"/> (the whole log, in seq order) once, without holding them in memory, and
    /// returns the first problem found: a record whose hash does not match its content (altered), a record whose
    /// prevHash does not link to the previous record (inserted, reordered, or the previous one altered and
    /// rehashed), a gap in seq or a log not starting at 1 (missing), or — when <paramref name="expectedHead"/> is
    /// given — a head kept elsewhere that the log no longer contains (rewritten or truncated). A log may have grown
    /// past the expected head. A stream that throws <see cref="InvalidDataException"/> (an unreadable row) is
    /// reported as a problem at the next seq.
    /// </summary>
    /// <param name="records">The records, in seq order.</param>
    /// <param name="expectedHead">The head recorded earlier (<c>sentrely audit head</c>), or null.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public static ValueTask<AuditVerification> VerifyAsync(
        IAsyncEnumerable<AuditRecord> records,
        AuditHead? expectedHead,
        CancellationToken cancellationToken) =>
        VerifyAsync(records, expectedHead, null, cancellationToken);

    /// <summary>
    /// Checks the chain as <see cref="VerifyAsync(IAsyncEnumerable{AuditRecord}, AuditHead?, CancellationToken)"/> does and,
    /// when <paramref name="signer"/> is given, that every record carries its signature: a writer who rebuilt the
    /// chain without the key is named at the first record it wrote.
    /// </summary>
    /// <param name="records">The records, in seq order.</param>
    /// <param name="expectedHead">The head recorded earlier (<c>sentrely audit head</c>), or null.</param>
    /// <param name="signer">The operator's HMAC key, or null to check the chain only.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public static async ValueTask<AuditVerification> VerifyAsync(
        IAsyncEnumerable<AuditRecord> records,
        AuditHead? expectedHead,
        AuditSigner? signer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (expectedHead is { Seq: < 1 })
        {
            throw new ArgumentException("An audit head's seq starts at 1.", nameof(expectedHead));
        }

        long checkedCount = 0;
        AuditHead? head = null;
        string? hashAtExpectedSeq = null;

        try
        {
            await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var problem = Check(record, (head?.Seq ?? 0) + 1, head) ?? CheckSignature(record, signer);
                if (problem is not null)
                {
                    return Fail(checkedCount, head, problem.Value.Seq, problem.Value.Text, signer);
                }

                checkedCount++;
                head = new AuditHead(record.Seq, record.Hash);
                if (expectedHead is not null && record.Seq == expectedHead.Seq)
                {
                    hashAtExpectedSeq = record.Hash;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            var seq = (head?.Seq ?? 0) + 1;
            return Fail(checkedCount, head, seq, $"record {seq} could not be read: {ex.Message}", signer);
        }

        if (expectedHead is not null)
        {
            var headProblem = CheckExpectedHead(expectedHead, head, hashAtExpectedSeq);
            if (headProblem is not null)
            {
                return Fail(checkedCount, head, headProblem.Value.Seq, headProblem.Value.Text, signer);
            }
        }

        return new AuditVerification { Ok = true, Checked = checkedCount, Head = head, SignaturesChecked = signer is not null };
    }

    private static (long Seq, string Text)? Check(AuditRecord record, long expectedSeq, AuditHead? previous)
    {
        if (record.Seq > expectedSeq)
        {
            var text = previous is null
                ? $"record {expectedSeq} is missing: the log starts at record {record.Seq}"
                : $"record {expectedSeq} is missing: the log jumps from record {previous.Seq} to record {record.Seq}";
            return (expectedSeq, text);
        }

        if (record.Seq < expectedSeq)
        {
            var text = previous is null
                ? $"record {record.Seq} has an invalid seq: the log starts at record 1"
                : $"record {record.Seq} is out of order or duplicated: it follows record {previous.Seq}";
            return (record.Seq, text);
        }

        if (!string.Equals(AuditHashChain.ComputeHash(record), record.Hash, StringComparison.Ordinal))
        {
            return (record.Seq, $"record {record.Seq} was altered: its hash does not match its content");
        }

        var expectedPrev = previous?.Hash ?? AuditHashChain.GenesisHash;
        if (!string.Equals(record.PrevHash, expectedPrev, StringComparison.Ordinal))
        {
            var text = previous is null
                ? $"record {record.Seq} does not start the chain: its prevHash is not the genesis hash (records before it were removed and the log renumbered, or it was forged)"
                : $"record {record.Seq} does not link to record {previous.Seq}: its prevHash is not record {previous.Seq}'s hash (a record was inserted or reordered, or record {previous.Seq} was altered and rehashed)";
            return (record.Seq, text);
        }

        return null;
    }

    private static (long Seq, string Text)? CheckExpectedHead(AuditHead expected, AuditHead? actual, string? hashAtExpectedSeq)
    {
        if (actual is null)
        {
            return (1, $"the log is empty but the expected head is record {expected.Seq}: records were removed");
        }

        if (hashAtExpectedSeq is null)
        {
            return (actual.Seq + 1, $"the log ends at record {actual.Seq} but the expected head is record {expected.Seq}: records were removed from the end");
        }

        if (!string.Equals(hashAtExpectedSeq, expected.Hash, StringComparison.OrdinalIgnoreCase))
        {
            return (expected.Seq, $"record {expected.Seq} does not match the expected head {expected}: the chain up to it was rewritten");
        }

        return null;
    }

    private static (long Seq, string Text)? CheckSignature(AuditRecord record, AuditSigner? signer)
    {
        if (signer is null || signer.IsSignedBy(record))
        {
            return null;
        }

        var how = record.Hmac is null ? "it has no signature" : "its signature is wrong";
        return (record.Seq, $"record {record.Seq} is not signed by the configured key ({how}): a writer without the key rebuilt or inserted it");
    }

    private static AuditVerification Fail(long checkedCount, AuditHead? head, long seq, string problem, AuditSigner? signer) =>
        new() { Ok = false, Checked = checkedCount, Head = head, FirstBadSeq = seq, Problem = problem, SignaturesChecked = signer is not null };
}
