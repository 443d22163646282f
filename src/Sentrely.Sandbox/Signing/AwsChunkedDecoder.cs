using System.Globalization;
using System.Text;

namespace Sentrely.Sandbox.Signing;

/// <summary>
/// Decodes <c>Content-Encoding: aws-chunked</c> bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] and
/// STREAMING-UNSIGNED-PAYLOAD-TRAILER), verifying every chunk signature, the trailer signature and trailing checksums.
/// </summary>
internal static class AwsChunkedDecoder
{
    public static ChunkedDecodeResult Decode(
        byte[] body, ChunkSigningContext? signing, bool trailer, IReadOnlyList<string> expectedTrailers)
    {
        var output = new MemoryStream(body.Length);
        var position = 0;
        var previous = signing?.SeedSignature;
        while (true)
        {
            var line = ReadLine(body, ref position);
            if (line is null)
            {
                return ChunkedDecodeResult.Fail("IncompleteBody", "The chunked body ended early.");
            }

            var semicolon = line.IndexOf(';', StringComparison.Ordinal);
            var sizeText = semicolon < 0 ? line : line[..semicolon];
            if (sizeText.Length is 0 or > 8 || !int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size)
                || size < 0 || size > body.Length - position)
            {
                return ChunkedDecodeResult.Fail("InvalidChunkSizeError", "A chunk size is malformed.");
            }

            var data = body.AsSpan(position, size);
            position += size;
            if (signing is not null)
            {
                const string Prefix = ";chunk-signature=";
                if (semicolon < 0 || !line[semicolon..].StartsWith(Prefix, StringComparison.Ordinal))
                {
                    return ChunkedDecodeResult.Fail("SignatureDoesNotMatch", "A chunk has no signature.", true);
                }

                var expected = SigV4Crypto.Sign(signing.SigningKey, string.Join('\n',
                    "AWS4-HMAC-SHA256-PAYLOAD", signing.AmzDate, signing.Scope, previous, SigV4Crypto.EmptySha256,
                    SigV4Crypto.HexSha256(data)));
                if (!SigV4Crypto.SignaturesEqual(expected, line[(semicolon + Prefix.Length)..]))
                {
                    return ChunkedDecodeResult.Fail("SignatureDoesNotMatch", "A chunk signature does not match.", true);
                }

                previous = expected;
            }
            else if (semicolon >= 0)
            {
                return ChunkedDecodeResult.Fail("InvalidRequest", "Unsigned chunks must not carry extensions.");
            }

            if (size == 0)
            {
                break;
            }

            output.Write(data);
            if (ReadLine(body, ref position) is not { Length: 0 })
            {
                return ChunkedDecodeResult.Fail("IncompleteBody", "A chunk is not terminated by CRLF.");
            }
        }

        var decoded = output.ToArray();
        return trailer ? CheckTrailers(body, position, decoded, signing, previous, expectedTrailers)
            : position == body.Length || (ReadLine(body, ref position) is { Length: 0 } && position == body.Length)
                ? new ChunkedDecodeResult(decoded, null, null, false)
                : ChunkedDecodeResult.Fail("IncompleteBody", "Unexpected data after the final chunk.");
    }

    private static ChunkedDecodeResult CheckTrailers(
        byte[] body, int position, byte[] decoded, ChunkSigningContext? signing, string? previous, IReadOnlyList<string> expected)
    {
        var trailers = new List<(string Name, string Value)>();
        string? trailerSignature = null;
        while (ReadLine(body, ref position) is { } line && line.Length > 0)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return ChunkedDecodeResult.Fail("MalformedTrailerError", "A trailer line is malformed.");
            }

            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (name == "x-amz-trailer-signature")
            {
                trailerSignature = value;
            }
            else
            {
                trailers.Add((name, value));
            }
        }

        if (position != body.Length)
        {
            return ChunkedDecodeResult.Fail("IncompleteBody", "Unexpected data after the trailer.");
        }

        if (signing is not null)
        {
            var canonical = string.Concat(trailers.Select(t => t.Name + ":" + t.Value + "\n"));
            var expectedSignature = SigV4Crypto.Sign(signing.SigningKey, string.Join('\n',
                "AWS4-HMAC-SHA256-TRAILER", signing.AmzDate, signing.Scope, previous, SigV4Crypto.HexSha256(canonical)));
            if (trailerSignature is null || !SigV4Crypto.SignaturesEqual(expectedSignature, trailerSignature))
            {
                return ChunkedDecodeResult.Fail("SignatureDoesNotMatch", "The trailer signature does not match.", true);
            }
        }

        if (!trailers.Select(t => t.Name).Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            return ChunkedDecodeResult.Fail("MalformedTrailerError", "The trailers do not match x-amz-trailer.");
        }

        foreach (var (name, value) in trailers)
        {
            var actual = Checksums.Compute(name, decoded);
            if (actual is null)
            {
                return ChunkedDecodeResult.Fail("InvalidRequest", $"Unsupported trailer {name}.");
            }

            if (actual != value)
            {
                return ChunkedDecodeResult.Fail("BadDigest", $"The {name} you specified did not match the calculated checksum.");
            }
        }

        return new ChunkedDecodeResult(decoded, null, null, false);
    }

    /// <summary>Reads up to CRLF (exclusive) as Latin-1; null when no CRLF follows.</summary>
    private static string? ReadLine(byte[] body, ref int position)
    {
        var rest = body.AsSpan(position);
        var end = rest.IndexOf("\r\n"u8);
        if (end < 0 || end > 8192)
        {
            return null;
        }

        var line = Encoding.Latin1.GetString(rest[..end]);
        position += end + 2;
        return line;
    }
}
