namespace Sentrely.Aws.Iam;

/// <summary>Gets the error raised when IAM refuses a call or cannot be reached. The message holds no secrets.</summary>
public sealed class IamApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="IamApiException"/> class.</summary>
    public IamApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IamApiException"/> class.</summary>
    /// <param name="message">A message without secrets.</param>
    public IamApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IamApiException"/> class.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public IamApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the IAM error code, for example <c>AccessDenied</c> or <c>NoSuchEntity</c>.</summary>
    /// <value><c>RequestFailed</c> when IAM could not be reached; <c>InvalidResponse</c> when its answer was unreadable.</value>
    public string ErrorCode { get; init; } = "Unknown";

    /// <summary>Gets the HTTP status code; 0 when no response arrived.</summary>
    public int StatusCode { get; init; }

    /// <summary>Gets the AWS request id, if any.</summary>
    public string? RequestId { get; init; }
}
