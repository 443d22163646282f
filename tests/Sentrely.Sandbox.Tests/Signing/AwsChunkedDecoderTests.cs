using System.Text;
using Sentrely.Sandbox.Signing;

namespace Sentrely.Sandbox.Tests.Signing;

public sealed class AwsChunkedDecoderTests
{
    private static readonly ChunkSigningContext Context = new(
        SigV4Crypto.SigningKey("secret", "20250101", "us-east-1", "s3"), "20250101T000000Z", "20250101/us-east-1/s3/aws4_request", new string('a', 64));

    private static byte[] SignedBody(string[] chunks, Func<int, string, string>? tamper = null)
    {
        var body = new StringBuilder();
        var previous = Context.SeedSignature;
        var all = chunks.Append(string.Empty).ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            var signature = SigV4Crypto.Sign(Context.SigningKey, string.Join('\n', "AWS4-HMAC-SHA256-PAYLOAD", Context.AmzDate, Context.Scope,
                previous, SigV4Crypto.EmptySha256, SigV4Crypto.HexSha256(all[i])));
            previous = signature;
            body.Append($"{Encoding.UTF8.GetByteCount(all[i]):x};chunk-signature={tamper?.Invoke(i, signature) ?? signature}\r\n{all[i]}\r\n");
        }

        return Encoding.UTF8.GetBytes(body.ToString());
    }

    [Fact]
    public void Decode_SignedChunksWithoutTrailer_ReturnsPayload()
    {
        // Act
        var result = AwsChunkedDecoder.Decode(SignedBody(["hello ", "world"]), Context, trailer: false, []);

        // Assert
        Assert.Equal("hello world", Encoding.UTF8.GetString(result.Data!));
    }

    [Fact]
    public void Decode_TamperedChunkSignature_SignatureFailure()
    {
        // Act
        var result = AwsChunkedDecoder.Decode(
            SignedBody(["hello ", "world"], (i, s) => i == 1 ? new string('0', 64) : s), Context, trailer: false, []);

        // Assert
        Assert.Null(result.Data);
        Assert.True(result.SignatureFailure);
        Assert.Equal("SignatureDoesNotMatch", result.ErrorCode);
    }

    [Fact]
    public void Decode_UnsignedTrailerWithCorrectChecksum_ReturnsPayload()
    {
        // Arrange
        var crc = Checksums.Compute("x-amz-checksum-crc32", "hello"u8);
        var body = Encoding.UTF8.GetBytes($"5\r\nhello\r\n0\r\nx-amz-checksum-crc32:{crc}\r\n\r\n");

        // Act
        var result = AwsChunkedDecoder.Decode(body, null, trailer: true, ["x-amz-checksum-crc32"]);

        // Assert
        Assert.Equal("hello"u8.ToArray(), result.Data);
    }

    [Fact]
    public void Decode_UnsignedTrailerWithWrongChecksum_BadDigest()
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");

        // Act
        var result = AwsChunkedDecoder.Decode(body, null, trailer: true, ["x-amz-checksum-crc32"]);

        // Assert
        Assert.Equal("BadDigest", result.ErrorCode);
    }

    [Fact]
    public void Decode_ChunkSizeBeyondBody_Refused()
    {
        // Act
        var result = AwsChunkedDecoder.Decode("ff\r\nhello\r\n0\r\n\r\n"u8.ToArray(), null, trailer: true, []);

        // Assert
        Assert.Null(result.Data);
    }

    [Theory]
    [InlineData("x-amz-checksum-crc32", "y/Q5Jg==")]        // 0xCBF43926
    [InlineData("x-amz-checksum-crc32c", "4waSgw==")]       // 0xE3069283
    [InlineData("x-amz-checksum-crc64nvme", "rosUhgp5mIg=")] // 0xAE8B14860A799888
    public void Compute_StandardCheckInput_MatchesPublishedCheckValue(string name, string expected)
    {
        // Act
        var actual = Checksums.Compute(name, "123456789"u8);

        // Assert
        Assert.Equal(expected, actual);
    }
}
