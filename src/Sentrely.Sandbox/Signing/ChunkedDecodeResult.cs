namespace Sentrely.Sandbox.Signing;

/// <summary>The outcome of decoding an aws-chunked body: the payload, or an S3 error code and message.</summary>
internal sealed record ChunkedDecodeResult(byte[]? Data, string? ErrorCode, string? ErrorMessage, bool SignatureFailure)
{
    public static ChunkedDecodeResult Fail(string code, string message, bool signature = false) => new(null, code, message, signature);
}
