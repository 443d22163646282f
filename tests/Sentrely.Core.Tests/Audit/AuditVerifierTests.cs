using Sentrely.Audit;

namespace Sentrely.Core.Tests.Audit;

public sealed class AuditVerifierTests
{
    private static ValueTask<AuditVerification> VerifyAsync(IEnumerable<AuditRecord> records, AuditHead? head = null) =>
        AuditVerifier.VerifyAsync(AuditTestRecords.Stream(records), head, CancellationToken.None);

    [Fact]
    public async Task VerifyAsync_IntactChain_OkWithHead()
    {
        var chain = AuditTestRecords.Chain(5);

        var result = await VerifyAsync(chain, new AuditHead(5, chain[4].Hash));

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(5, result.Checked);
        Assert.Null(result.FirstBadSeq);
        Assert.Null(result.Problem);
        Assert.Equal(new AuditHead(5, chain[4].Hash), result.Head);
    }

    [Fact]
    public async Task VerifyAsync_EmptyLog_OkWithoutHead()
    {
        var result = await VerifyAsync([]);

        Assert.True(result.Ok);
        Assert.Equal(0, result.Checked);
        Assert.Null(result.Head);
    }

    [Fact]
    public async Task VerifyAsync_FieldAltered_NamesAlteredRecord()
    {
        var chain = AuditTestRecords.Chain(5);
        chain[2] = chain[2] with { Decision = "deny" };

        var result = await VerifyAsync(chain);

        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadSeq);
        Assert.Equal(2, result.Checked);
        Assert.Equal("record 3 was altered: its hash does not match its content", result.Problem);
        Assert.Equal(new AuditHead(2, chain[1].Hash), result.Head);
    }

    [Fact]
    public async Task VerifyAsync_AlteredAndRehashed_NamesNextRecordAsNotLinking()
    {
        var chain = AuditTestRecords.Chain(5);
        var forged = chain[2] with { Decision = "deny" };
        chain[2] = forged with { Hash = AuditHashChain.ComputeHash(forged) };

        var result = await VerifyAsync(chain);

        Assert.False(result.Ok);
        Assert.Equal(4, result.FirstBadSeq);
        Assert.StartsWith("record 4 does not link to record 3", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RecordRemovedFromMiddle_ReportsMissingSeq()
    {
        var chain = AuditTestRecords.Chain(5);
        chain.RemoveAt(1);

        var result = await VerifyAsync(chain);

        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBadSeq);
        Assert.Equal("record 2 is missing: the log jumps from record 1 to record 3", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_FirstRecordRemoved_ReportsRecord1Missing()
    {
        var chain = AuditTestRecords.Chain(3);
        chain.RemoveAt(0);

        var result = await VerifyAsync(chain);

        Assert.Equal(1, result.FirstBadSeq);
        Assert.Equal("record 1 is missing: the log starts at record 2", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_RecordsSwapped_ReportsOutOfOrder()
    {
        var chain = AuditTestRecords.Chain(4);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var result = await VerifyAsync(chain);

        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBadSeq);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ForeignRecordInsertedAndRenumbered_ReportsBrokenLink()
    {
        // Arrange: a self-consistent record slipped in at seq 3 that does not chain from record 2.
        var chain = AuditTestRecords.Chain(2);
        var inserted = AuditTestRecords.Full() with { Seq = 3, PrevHash = new string('a', 64) };
        chain.Add(inserted with { Hash = AuditHashChain.ComputeHash(inserted) });

        var result = await VerifyAsync(chain);

        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadSeq);
        Assert.StartsWith("record 3 does not link to record 2", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_ChainRebuiltFromScratch_DetectedOnlyWithExpectedHead()
    {
        // Arrange: a forger rebuilds a consistent chain with one record changed.
        var original = AuditTestRecords.Chain(4);
        var rebuilt = new List<AuditRecord>();
        var prev = AuditHashChain.GenesisHash;
        foreach (var r in original)
        {
            var copy = r with { PrevHash = prev, Decision = r.Seq == 2 ? "deny" : r.Decision };
            copy = copy with { Hash = AuditHashChain.ComputeHash(copy) };
            rebuilt.Add(copy);
            prev = copy.Hash;
        }

        // Act
        var withoutHead = await VerifyAsync(rebuilt);
        var withHead = await VerifyAsync(rebuilt, new AuditHead(4, original[3].Hash));

        // Assert
        Assert.True(withoutHead.Ok);
        Assert.False(withHead.Ok);
        Assert.Equal(4, withHead.FirstBadSeq);
        Assert.Contains("does not match the expected head", withHead.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_LogGrewPastExpectedHead_Ok()
    {
        var chain = AuditTestRecords.Chain(6);

        var result = await VerifyAsync(chain, new AuditHead(3, chain[2].Hash.ToUpperInvariant()));

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(new AuditHead(6, chain[5].Hash), result.Head);
    }

    [Fact]
    public async Task VerifyAsync_LogTruncatedBeforeExpectedHead_ReportsRemovedFromEnd()
    {
        var chain = AuditTestRecords.Chain(5);
        var head = new AuditHead(5, chain[4].Hash);

        var result = await VerifyAsync(chain.Take(3), head);

        Assert.False(result.Ok);
        Assert.Equal(4, result.FirstBadSeq);
        Assert.Equal("the log ends at record 3 but the expected head is record 5: records were removed from the end", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_EmptyLogWithExpectedHead_Fails()
    {
        var result = await VerifyAsync([], new AuditHead(2, new string('b', 64)));

        Assert.False(result.Ok);
        Assert.Equal(1, result.FirstBadSeq);
    }

    [Fact]
    public async Task VerifyAsync_UnreadableRow_ReportedAsProblemAtNextSeq()
    {
        var chain = AuditTestRecords.Chain(2);
        var stream = AuditTestRecords.Stream(chain, new InvalidDataException("the resources column is not a JSON array"));

        var result = await AuditVerifier.VerifyAsync(stream, null, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadSeq);
        Assert.Equal("record 3 could not be read: the resources column is not a JSON array", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_FirstRecordWithWrongPrevHash_ReportsChainStart()
    {
        var first = AuditTestRecords.Full() with { Seq = 1, PrevHash = new string('f', 64) };
        first = first with { Hash = AuditHashChain.ComputeHash(first) };

        var result = await VerifyAsync([first]);

        Assert.False(result.Ok);
        Assert.Equal(1, result.FirstBadSeq);
        Assert.StartsWith("record 1 does not start the chain", result.Problem, StringComparison.Ordinal);
    }
}
