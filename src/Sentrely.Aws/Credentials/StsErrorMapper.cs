using Amazon.Runtime;
using Sentrely.Credentials;

namespace Sentrely.Aws.Credentials;

/// <summary>Turns STS failures into <see cref="CredentialVendingException"/>s whose messages are safe to show the agent.</summary>
internal static class StsErrorMapper
{
    /// <summary>The STS error code of throttling.</summary>
    public const string Throttling = "Throttling";

    /// <summary>Maps an STS service error; AWS's own message is not copied, as it can name roles and accounts.</summary>
    public static CredentialVendingException FromServiceError(AmazonServiceException exception)
    {
        var code = SafeCode(exception.ErrorCode);
        var message = code switch
        {
            "MalformedPolicyDocument" => "STS rejected the session policy generated for this call (MalformedPolicyDocument). This is a defect in the tool's IAM template; report it to the Sentrely operator.",
            "PackedPolicyTooLarge" => "The session policy and tags for this call exceed STS's size limit (PackedPolicyTooLarge). Narrow the call to fewer resources.",
            "AccessDenied" => "STS refused to let Sentrely assume the configured role (AccessDenied). The operator must allow sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity in the role's trust policy for Sentrely's base identity.",
            "RegionDisabled" => "STS is not activated in the configured region (RegionDisabled). The operator must activate it in IAM account settings or change aws.region.",
            "ExpiredToken" or "ExpiredTokenException" => "Sentrely's own AWS credentials have expired (ExpiredToken). The operator must refresh them (for example `aws sso login`) and retry.",
            "InvalidClientTokenId" or "SignatureDoesNotMatch" or "UnrecognizedClientException" => $"Sentrely's own AWS credentials were not accepted by STS ({code}). The operator must check the configured profile or credential chain.",
            Throttling => "STS is throttling credential requests (Throttling). Retry in a few seconds.",
            "ValidationError" => "STS rejected the AssumeRole parameters for this call (ValidationError).",
            "IDPCommunicationError" or "InternalFailure" or "ServiceUnavailable" => $"STS is temporarily unavailable ({code}). Retry shortly.",
            _ => $"STS did not issue credentials for this call ({code}).",
        };
        return new CredentialVendingException(message, exception)
        {
            AwsErrorCode = code,
            AwsRequestId = SafeRequestId(exception.RequestId),
        };
    }

    /// <summary>Maps a failure to reach STS at all.</summary>
    public static CredentialVendingException FromClientError(Exception exception) =>
        new("Sentrely could not reach AWS STS to obtain credentials for this call. Retry shortly; if it persists the operator should check the network and aws.endpoints.sts.", exception);

    /// <summary>Returns <paramref name="code"/> when it is a plain identifier, else <c>Unknown</c>.</summary>
    public static string SafeCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? code
            : "Unknown";

    /// <summary>Returns <paramref name="requestId"/> when it looks like a request id, else null.</summary>
    public static string? SafeRequestId(string? requestId) =>
        !string.IsNullOrEmpty(requestId) && requestId.Length <= 128 && requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '/' or '+')
            ? requestId
            : null;
}
