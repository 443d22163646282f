namespace Sentrely.Configuration;

/// <summary>Gets thrown when a configuration or manifest file is invalid; carries every error found, not only the first.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConfigException"/> class.</summary>
    /// <param name="errors">The errors; at least one.</param>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigException"/> class with no errors.</summary>
    public ConfigException()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigException"/> class with a message and no errors.</summary>
    /// <param name="message">The message.</param>
    public ConfigException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Initializes a new instance of the <see cref="ConfigException"/> class with a message, an inner exception and no errors.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Gets every error found, in file order.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            return "The configuration is invalid.";
        }

        var noun = errors.Count == 1 ? "error" : "errors";
        return $"The configuration is invalid ({errors.Count} {noun}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, errors.Select(e => "  " + e.ToString()));
    }
}
