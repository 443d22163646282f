namespace Sentrely.Configuration;

/// <summary>Gets where the configuration file is and how it was found.</summary>
/// <param name="Path">The full path of the file.</param>
/// <param name="Source">How it was found.</param>
public sealed record ConfigLocation(string Path, ConfigSource Source);
