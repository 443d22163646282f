using Sentrely.Audit;

namespace Sentrely.Core.Tests.Audit;

public sealed class AuditVerifierSignatureTests
{
    private static readonly AuditSigner Signer = AuditSigner.FromKey(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    private static List<AuditRecord> SignedChain(int count) =>
        AuditTestRecords.Chain(count).Select(r => r with { Hmac = Signer.Sign(r.Hash) }).ToList();

    private static ValueTask<AuditVerification> VerifyAsync(IEnumerable<AuditRecord> records, AuditSigner? signer) =>
        AuditVerifier.VerifyAsync(AuditTestRecords.Stream(records), null, signer, CancellationToken.None);

    [Fact]
    public async Task VerifyAsync_AllSignedWithKey_OkAndSignaturesChecked()
    {
        var result = await VerifyAsync(SignedChain(4), Signer);

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(4, result.Checked);
        Assert.True(result.SignaturesChecked);
    }

    [Fact]
    public async Task VerifyAsync_WithoutKey_SignaturesNotChecked()
    {
        var result = await VerifyAsync(AuditTestRecords.Chain(3), null);

        Assert.True(result.Ok, result.Problem);
        Assert.False(result.SignaturesChecked);
    }

    [Fact]
    public async Task VerifyAsync_WholeChainRebuiltWithoutKey_NamesFirstRecord()
    {
        // A writer without the key produces a perfectly linked chain, but cannot sign it.
        var rebuilt = AuditTestRecords.Chain(3);

        var withKey = await VerifyAsync(rebuilt, Signer);
        var withoutKey = await VerifyAsync(rebuilt, null);

        Assert.True(withoutKey.Ok);
        Assert.False(withKey.Ok);
        Assert.Equal(1, withKey.FirstBadSeq);
        Assert.Equal(0, withKey.Checked);
        Assert.Equal("record 1 is not signed by the configured key (it has no signature): a writer without the key rebuilt or inserted it", withKey.Problem);
    }

    [Fact]
    public async Task VerifyAsync_RecordSignedWithOtherKey_NamesItAsWrong()
    {
        var chain = SignedChain(3);
        var forger = AuditSigner.FromKey(new byte[32]);
        chain[1] = chain[1] with { Hmac = forger.Sign(chain[1].Hash) };

        var result = await VerifyAsync(chain, Signer);

        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBadSeq);
        Assert.Equal(1, result.Checked);
        Assert.Equal("record 2 is not signed by the configured key (its signature is wrong): a writer without the key rebuilt or inserted it", result.Problem);
    }

    [Fact]
    public async Task VerifyAsync_AlteredRecord_ReportedAsAlteredBeforeSignature()
    {
        var chain = SignedChain(3);
        chain[2] = chain[2] with { Decision = "deny" };

        var result = await VerifyAsync(chain, Signer);

        Assert.Equal(3, result.FirstBadSeq);
        Assert.Equal("record 3 was altered: its hash does not match its content", result.Problem);
    }
}
