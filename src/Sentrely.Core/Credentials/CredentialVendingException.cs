namespace Sentrely.Credentials;

/// <summary>Gets the error raised when STS does not issue credentials; its message is safe to show the agent.</summary>
public sealed class CredentialVendingException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CredentialVendingException"/> class.</summary>
    public CredentialVendingException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CredentialVendingException"/> class.</summary>
    /// <param name="message">A message without secrets.</param>
    public CredentialVendingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CredentialVendingException"/> class.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public CredentialVendingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the AWS error code, for example <c>AccessDenied</c> or <c>PackedPolicyTooLarge</c>.</summary>
    public string? AwsErrorCode { get; init; }

    /// <summary>Gets the AWS request id of the refused AssumeRole.</summary>
    public string? AwsRequestId { get; init; }
}
