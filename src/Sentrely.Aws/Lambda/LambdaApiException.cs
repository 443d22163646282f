namespace Sentrely.Aws.Lambda;

/// <summary>Gets the error raised when Lambda refuses a call or cannot be reached. The message is safe to show the agent.</summary>
public sealed class LambdaApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LambdaApiException"/> class.</summary>
    public LambdaApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LambdaApiException"/> class.</summary>
    /// <param name="message">A message without secrets.</param>
    public LambdaApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LambdaApiException"/> class.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public LambdaApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the Lambda error type, for example <c>ResourceNotFoundException</c> or <c>PreconditionFailedException</c>.</summary>
    /// <value><c>RequestFailed</c> when Lambda could not be reached; <c>InvalidResponse</c> when its answer was unreadable.</value>
    public string ErrorType { get; init; } = "Unknown";

    /// <summary>Gets the HTTP status code; 0 when no response arrived.</summary>
    public int StatusCode { get; init; }

    /// <summary>Gets the AWS request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets how long Lambda asked the caller to wait (429 <c>TooManyRequestsException</c>).</summary>
    public int? RetryAfterSeconds { get; init; }
}
