namespace Sentrely.Sandbox.Http;

/// <summary>What is known about a request while it is being authenticated, for its <see cref="RequestRecord"/>.</summary>
internal sealed class RequestTrace(string requestId, string service)
{
    public string RequestId { get; } = requestId;

    public string Service { get; set; } = service;

    public string? AccessKeyId { get; set; }

    public AssumeRoleRecord? SignedBy { get; set; }

    public bool SignatureValid { get; set; }

    public SandboxCall? Call { get; set; }

    public RequestRecord ToRecord(SandboxResponse response) => new(
        RequestId,
        Service,
        Call?.Action ?? string.Empty,
        Call is null ? [] : [.. Call.Resources],
        Call is null ? new Dictionary<string, string>() : new Dictionary<string, string>(Call.ContextKeys, StringComparer.Ordinal),
        AccessKeyId,
        SignedBy,
        SignatureValid,
        Call?.Authorized ?? false,
        Call?.DenyReason,
        response.StatusCode,
        response.ErrorCode);
}
