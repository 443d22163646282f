namespace Sentrely.Sandbox.Http;

/// <summary>A response ready to be written; <see cref="ErrorCode"/> is set for error responses.</summary>
internal sealed record SandboxResponse(int StatusCode, string? ContentType, byte[] Body, string? ErrorCode)
{
    public List<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Gets the Content-Length to report when no body is written (S3 HEAD).</summary>
    public long? HeadContentLength { get; init; }
}
