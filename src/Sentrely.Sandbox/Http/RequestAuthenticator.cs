using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sentrely.Sandbox.Signing;

namespace Sentrely.Sandbox.Http;

/// <summary>Verifies SigV4 (header form), session tokens, expiry, clock skew and payload hashes; decodes aws-chunked bodies.</summary>
internal sealed class RequestAuthenticator(SandboxEnvironment environment)
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);
    private static readonly string[] StreamingModes =
    [
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    ];

    /// <summary>Returns the call to dispatch, or the refusal to send.</summary>
    public (SandboxCall? Call, SandboxResponse? Refusal) Authenticate(
        HttpRequest request, string rawPath, string rawQuery, byte[] body, SigV4Authorization auth, RequestTrace trace)
    {
        SandboxResponse Fail(AuthFailure failure, string detail = "") =>
            AuthFailureResponses.For(auth.Service, trace.RequestId, failure, detail);

        var s3 = auth.Service == "s3";
        // IAM is global: AWS signs it for us-east-1 whatever the account's region.
        if (auth.Region != (auth.Service == "iam" ? "us-east-1" : environment.Region))
        {
            return (null, Fail(AuthFailure.WrongRegion));
        }

        var caller = environment.Credentials.Find(auth.AccessKeyId);
        if (caller is null)
        {
            return (null, Fail(AuthFailure.UnknownAccessKey));
        }

        trace.SignedBy = caller.Session?.Record;
        string? Header(string name) => request.Headers.TryGetValue(name, out var v) ? string.Join(',', v.ToArray()) : null;

        var amzDateText = Header("x-amz-date");
        if (amzDateText is null || !DateTimeOffset.TryParseExact(amzDateText, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var amzDate)
            || !amzDateText.StartsWith(auth.Date, StringComparison.Ordinal))
        {
            return (null, Fail(AuthFailure.MalformedRequest, "x-amz-date is missing or does not match the credential scope."));
        }

        var token = Header("x-amz-security-token");
        if (!auth.SignedHeaders.Contains("host") || !auth.SignedHeaders.Contains("x-amz-date")
            || (token is not null && !auth.SignedHeaders.Contains("x-amz-security-token"))
            || auth.SignedHeaders.Any(h => Header(h) is null && h != "content-length"))
        {
            return (null, Fail(AuthFailure.MalformedRequest, "host, x-amz-date and x-amz-security-token must be signed and present."));
        }

        var declared = Header("x-amz-content-sha256");
        var streaming = declared is not null && s3 && StreamingModes.Contains(declared) ? declared : null;
        string payloadHash;
        if (declared is null)
        {
            if (s3)
            {
                return (null, Fail(AuthFailure.MalformedRequest, "Missing required header for this request: x-amz-content-sha256"));
            }

            payloadHash = SigV4Crypto.HexSha256(body);
        }
        else if (declared.Length == 64 && declared.All(char.IsAsciiHexDigitLower))
        {
            if (declared != SigV4Crypto.HexSha256(body))
            {
                return (null, Fail(AuthFailure.PayloadHashMismatch));
            }

            payloadHash = declared;
        }
        else if ((s3 && declared == "UNSIGNED-PAYLOAD") || streaming is not null)
        {
            payloadHash = declared;
        }
        else
        {
            return (null, Fail(AuthFailure.MalformedRequest, "x-amz-content-sha256 has an unsupported value."));
        }

        var canonical = CanonicalRequest.Build(request.Method, rawPath, rawQuery, Header, auth.SignedHeaders, payloadHash, s3);
        var signingKey = SigV4Crypto.SigningKey(caller.SecretAccessKey, auth.Date, auth.Region, auth.Service);
        var expected = SigV4Crypto.Sign(signingKey, string.Join('\n',
            SigV4Authorization.Algorithm, amzDateText, auth.Scope, SigV4Crypto.HexSha256(canonical)));
        if (!SigV4Crypto.SignaturesEqual(expected, auth.Signature))
        {
            return (null, Fail(AuthFailure.BadSignature));
        }

        trace.SignatureValid = true;
        if (caller.Session is { } session)
        {
            if (token is null || !SigV4Crypto.SignaturesEqual(session.SessionToken, token))
            {
                return (null, Fail(AuthFailure.InvalidToken));
            }
        }
        else if (token is not null)
        {
            return (null, Fail(AuthFailure.InvalidToken));
        }

        var now = environment.Time.GetUtcNow();
        if (caller.Session is not null && now >= caller.Session.Record.Expiration)
        {
            return (null, Fail(AuthFailure.ExpiredToken));
        }

        if ((now - amzDate).Duration() > MaxSkew)
        {
            return (null, Fail(AuthFailure.TimeSkewed));
        }

        if (streaming is not null)
        {
            var decoded = DecodeStreaming(body, streaming, Header, new ChunkSigningContext(signingKey, amzDateText, auth.Scope, expected));
            if (decoded.Data is null)
            {
                trace.SignatureValid = !decoded.SignatureFailure;
                return (null, ErrorResponses.S3(trace.RequestId, decoded.SignatureFailure ? 403 : 400, decoded.ErrorCode!, decoded.ErrorMessage!));
            }

            body = decoded.Data;
        }
        else if (s3 && FirstChecksumMismatch(Header, body) is { } mismatch)
        {
            return (null, ErrorResponses.S3(trace.RequestId, 400, "BadDigest", $"The {mismatch} you specified did not match the calculated checksum."));
        }

        return (new SandboxCall
        {
            RequestId = trace.RequestId,
            Service = auth.Service,
            Method = request.Method,
            RawPath = rawPath,
            RawQuery = rawQuery,
            Headers = request.Headers,
            Body = body,
            Caller = caller,
            Environment = environment,
        }, null);
    }

    private static ChunkedDecodeResult DecodeStreaming(byte[] body, string mode, Func<string, string?> header, ChunkSigningContext signing)
    {
        if (header("content-encoding")?.Split(',', StringSplitOptions.TrimEntries).Contains("aws-chunked") != true)
        {
            return ChunkedDecodeResult.Fail("InvalidRequest", "Streaming payloads need Content-Encoding: aws-chunked.");
        }

        var trailer = mode.EndsWith("-TRAILER", StringComparison.Ordinal);
        var expectedTrailers = trailer
            ? (header("x-amz-trailer") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => t.ToLowerInvariant()).ToArray()
            : [];
        var result = AwsChunkedDecoder.Decode(body, mode.StartsWith("STREAMING-AWS4", StringComparison.Ordinal) ? signing : null,
            trailer, expectedTrailers);
        if (result.Data is not null
            && (!long.TryParse(header("x-amz-decoded-content-length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length != result.Data.LongLength))
        {
            return ChunkedDecodeResult.Fail("IncompleteBody", "x-amz-decoded-content-length does not match the decoded body.");
        }

        return result;
    }

    private static string? FirstChecksumMismatch(Func<string, string?> header, byte[] body)
    {
        foreach (var name in (string[])["x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1", "x-amz-checksum-sha256"])
        {
            if (header(name) is { } value && Checksums.Compute(name, body) != value)
            {
                return name;
            }
        }

        return null;
    }
}
