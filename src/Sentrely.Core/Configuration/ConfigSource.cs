namespace Sentrely.Configuration;

/// <summary>Gets how the configuration file was found.</summary>
public enum ConfigSource
{
    /// <summary>The <c>--config</c> option.</summary>
    CommandLine,

    /// <summary>The <c>SENTRELY_CONFIG</c> environment variable.</summary>
    EnvironmentVariable,

    /// <summary><c>$XDG_CONFIG_HOME/sentrely/sentrely.yaml</c>.</summary>
    XdgConfigHome,

    /// <summary><c>~/.config/sentrely/sentrely.yaml</c>.</summary>
    Default,
}
