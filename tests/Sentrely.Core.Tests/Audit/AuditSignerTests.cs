using Sentrely.Audit;

namespace Sentrely.Core.Tests.Audit;

public sealed class AuditSignerTests
{
    private const string KeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string KeyBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    // HMAC-SHA256(key = bytes 0..31, "abc"), computed independently with Python's hmac module.
    private const string AbcSignature = "f0133729c4163dede81e21cd47839256da58171238c8a0d874397c73b14e1e47";

    private static AuditSigner? FromVariable(string? value) =>
        AuditSigner.FromEnvironment(name => name == AuditSigner.KeyVariable ? value : null);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void FromEnvironment_UnsetOrEmpty_Null(string? value) => Assert.Null(FromVariable(value));

    [Theory]
    [InlineData(KeyHex)]
    [InlineData(KeyBase64)]
    [InlineData("  " + KeyBase64 + "\n")]
    public void FromEnvironment_HexOrBase64_SignsWithTheDecodedKey(string value)
    {
        var signer = FromVariable(value)!;

        Assert.Equal(AbcSignature, signer.Sign("abc"));
    }

    [Theory]
    [InlineData("00010203")]
    [InlineData("c2hvcnQta2V5")]
    public void FromEnvironment_ShorterThan32Bytes_ThrowsWithoutTheValue(string value)
    {
        var ex = Assert.Throws<FormatException>(() => FromVariable(value));

        Assert.Contains("at least 32", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_NeitherHexNorBase64_ThrowsWithoutTheValue()
    {
        const string value = "not*a*key!not*a*key!not*a*key!not*a*key!not*a*key!";

        var ex = Assert.Throws<FormatException>(() => FromVariable(value));

        Assert.Contains(AuditSigner.KeyVariable, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKey_ShortKey_Throws() =>
        Assert.Throws<ArgumentException>(() => AuditSigner.FromKey(new byte[31]));

    [Fact]
    public void ToString_DoesNotRevealTheKey()
    {
        var text = FromVariable(KeyHex)!.ToString();

        Assert.DoesNotContain(KeyHex, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(KeyBase64, text, StringComparison.Ordinal);
    }

    [Fact]
    public void IsSignedBy_OwnSignature_True_OtherKeyOrMissing_False()
    {
        var signer = FromVariable(KeyHex)!;
        var other = AuditSigner.FromKey(Enumerable.Repeat((byte)7, 32).ToArray());
        var record = AuditTestRecords.Chain(1)[0];
        record = record with { Hmac = signer.Sign(record.Hash) };

        Assert.True(signer.IsSignedBy(record));
        Assert.True(signer.IsSignedBy(record with { Hmac = record.Hmac!.ToUpperInvariant() }));
        Assert.False(other.IsSignedBy(record));
        Assert.False(signer.IsSignedBy(record with { Hmac = null }));
        Assert.False(signer.IsSignedBy(record with { Hmac = "abc" }));
        Assert.False(signer.IsSignedBy(record with { Hash = AuditHashChain.GenesisHash }));
    }

    [Fact]
    public void ComputeHash_HmacChanged_HashUnchanged()
    {
        var record = AuditTestRecords.Full();

        Assert.Equal(AuditHashChain.ComputeHash(record), AuditHashChain.ComputeHash(record with { Hmac = new string('a', 64) }));
    }

    [Fact]
    public void ToJsonLine_Hmac_RoundTrips_AndIsOmittedWhenNull()
    {
        var record = AuditTestRecords.Full();
        var signed = record with { Hmac = FromVariable(KeyHex)!.Sign(AuditHashChain.ComputeHash(record)) };

        var unsignedLine = AuditJson.ToJsonLine(record);
        var signedBack = AuditJson.FromJsonLine(AuditJson.ToJsonLine(signed))!;

        Assert.DoesNotContain("hmac", unsignedLine, StringComparison.Ordinal);
        Assert.Equal(signed.Hmac, signedBack.Hmac);
    }
}
