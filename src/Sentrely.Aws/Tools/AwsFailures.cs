using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools;

/// <summary>
/// Turns AWS errors into curated failures. AWS messages can name roles, accounts and policies, so the agent
/// sees the error code, the HTTP status and the request id, with a hint — never the raw message.
/// </summary>
internal static class AwsFailures
{
    public static ToolInvocationResult From(AmazonServiceException exception, IReadOnlyList<string> earlierRequestIds)
    {
        var code = string.IsNullOrEmpty(exception.ErrorCode) ? "AwsError" : exception.ErrorCode;
        IReadOnlyList<string> ids = exception.RequestId is { Length: > 0 } id ? [.. earlierRequestIds, id] : earlierRequestIds;
        int? retryAfter = exception.StatusCode == HttpStatusCode.TooManyRequests || code.Contains("Throttl", StringComparison.Ordinal) ? 5 : null;
        var status = ((int)exception.StatusCode).ToString(CultureInfo.InvariantCulture);
        return ToolInvocationResult.Failure(code, $"{Hint(code)} (HTTP {status}, request id {exception.RequestId})", ids, retryAfter);
    }

    private static string Hint(string code) => code switch
    {
        "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" =>
            "the call's scoped credentials do not allow this request; the role's own IAM policy may be narrower than the Sentrely policy",
        "NoSuchKey" => "the object does not exist",
        "NoSuchBucket" => "the bucket does not exist",
        "ResourceNotFoundException" => "the function does not exist",
        "PreconditionFailedException" => "the revisionId is stale: read the function again and retry with its current revisionId",
        "ResourceConflictException" => "the function is being updated; retry when its update has finished",
        "TooManyRequestsException" or "Throttling" or "ThrottlingException" or "RequestLimitExceeded" => "AWS is throttling requests; retry later",
        "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed" => "no such instance",
        "InvalidAMIID.NotFound" => "no such image",
        "IncorrectInstanceState" => "the instance is not in a state that allows this",
        _ => "AWS refused the request",
    };
}
