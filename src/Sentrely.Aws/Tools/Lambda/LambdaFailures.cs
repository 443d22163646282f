using System.Globalization;
using Sentrely.Aws.Lambda;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.Lambda;

/// <summary>Turns Lambda REST errors into curated failures.</summary>
internal static class LambdaFailures
{
    public static ToolInvocationResult From(LambdaApiException exception, IReadOnlyList<string> earlierRequestIds)
    {
        IReadOnlyList<string> ids = exception.RequestId is { Length: > 0 } id ? [.. earlierRequestIds, id] : earlierRequestIds;
        var hint = exception.ErrorType switch
        {
            "ResourceNotFoundException" => "the function does not exist",
            "PreconditionFailedException" => "the revisionId is stale: call get-function for the current revisionId and retry",
            "ResourceConflictException" => "the function is being updated; retry when its update has finished",
            "TooManyRequestsException" => "Lambda is throttling requests; retry later",
            "AccessDeniedException" => "the call's scoped credentials do not allow this request",
            "InvalidParameterValueException" => "Lambda rejected a parameter",
            "CodeStorageExceededException" => "the account's code storage is full",
            _ => "Lambda refused the request",
        };
        var status = exception.StatusCode.ToString(CultureInfo.InvariantCulture);
        return ToolInvocationResult.Failure(exception.ErrorType, $"{hint} (HTTP {status}, request id {exception.RequestId})", ids, exception.RetryAfterSeconds);
    }
}
