namespace Sentrely.Aws.Credentials;

/// <summary>Gets the error raised when Sentrely's own (base) AWS credentials cannot be found; the message says how to fix it.</summary>
public sealed class BaseCredentialsException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="BaseCredentialsException"/> class.</summary>
    public BaseCredentialsException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BaseCredentialsException"/> class.</summary>
    /// <param name="message">A message without secrets.</param>
    public BaseCredentialsException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BaseCredentialsException"/> class.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public BaseCredentialsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
