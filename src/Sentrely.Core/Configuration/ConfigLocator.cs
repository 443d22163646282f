namespace Sentrely.Configuration;

/// <summary>Finds the configuration file: <c>--config</c>, <c>SENTRELY_CONFIG</c>, then the XDG location. Never the project directory.</summary>
public static class ConfigLocator
{
    private const int MaxLinkHops = 40;

    /// <summary>Locates the configuration file.</summary>
    /// <param name="explicitPath">The <c>--config</c> value, or null.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable (<c>SENTRELY_CONFIG</c>, <c>XDG_CONFIG_HOME</c>, <c>HOME</c>).</param>
    /// <returns>The file and how it was found; null when nothing exists at the default location.</returns>
    /// <exception cref="ConfigException">An explicitly named file (option or variable) does not exist.</exception>
    public static ConfigLocation? Locate(string? explicitPath, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (explicitPath is not null)
        {
            return Explicit(explicitPath, ConfigSource.CommandLine, "--config");
        }

        if (getEnvironmentVariable("SENTRELY_CONFIG") is { Length: > 0 } fromVariable)
        {
            return Explicit(fromVariable, ConfigSource.EnvironmentVariable, "SENTRELY_CONFIG");
        }

        if (DefaultPath(getEnvironmentVariable) is not { } path)
        {
            return null;
        }

        var source = XdgConfigHome(getEnvironmentVariable) is null ? ConfigSource.Default : ConfigSource.XdgConfigHome;
        return File.Exists(path) ? new ConfigLocation(Path.GetFullPath(path), source) : null;
    }

    /// <summary>Returns where the configuration is looked for when neither <c>--config</c> nor <c>SENTRELY_CONFIG</c> names one.</summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable (<c>XDG_CONFIG_HOME</c>, <c>HOME</c>).</param>
    /// <returns><c>$XDG_CONFIG_HOME/sentrely/sentrely.yaml</c>, else <c>~/.config/sentrely/sentrely.yaml</c>; null without a home.</returns>
    public static string? DefaultPath(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        return XdgConfigHome(getEnvironmentVariable) is { } xdg ? Path.Combine(xdg, "sentrely", "sentrely.yaml")
            : HomePaths.Home(getEnvironmentVariable) is { } home ? Path.Combine(home, ".config", "sentrely", "sentrely.yaml")
            : null;
    }

    // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored.
    private static string? XdgConfigHome(Func<string, string?> getEnvironmentVariable) =>
        getEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg) ? xdg : null;

    /// <summary>Returns true when <paramref name="configPath"/> lies under (or is) <paramref name="workingDirectory"/>, both with links resolved.</summary>
    /// <param name="configPath">The configuration file.</param>
    /// <param name="workingDirectory">The directory the server runs in.</param>
    /// <returns>True when the agent could write the configuration through its project directory.</returns>
    public static bool IsUnder(string configPath, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(configPath);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var file = ResolveLinks(configPath);
        var directory = ResolveLinks(workingDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        // A link loop on either side counts as "under": serve then refuses, which is the safe answer.
        return file.Length == 0 || directory.Length == 0
            || string.Equals(file, directory, comparison)
            || file.StartsWith(directory + Path.DirectorySeparatorChar, comparison);
    }

    private static ConfigLocation Explicit(string path, ConfigSource source, string origin)
    {
        var full = path.Length == 0 ? "" : Path.GetFullPath(path);
        if (full.Length == 0 || !File.Exists(full))
        {
            throw new ConfigException([new ConfigError(path, 0, 0, "", ConfigErrorCodes.FileNotFound,
                $"the configuration file named by {origin} does not exist: fix the path, or unset {origin} to use ~/.config/sentrely/sentrely.yaml")]);
        }

        return new ConfigLocation(full, source);
    }

    /// <summary>
    /// Resolves every symbolic link along the path (not only the last component) and applies <c>..</c> after
    /// resolving, as the kernel does; missing components are kept as written. A link loop returns "".
    /// </summary>
    internal static string ResolveLinks(string path)
    {
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(absolute) ?? "/";
        var remaining = new LinkedList<string>(SplitComponents(absolute));
        var current = root;
        var hops = 0;
        while (remaining.First is { } first)
        {
            remaining.RemoveFirst();
            var component = first.Value;
            if (component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, component);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return "";
            }

            var targetPath = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
            foreach (var part in SplitComponents(targetPath).Reverse())
            {
                remaining.AddFirst(part);
            }

            current = Path.GetPathRoot(targetPath) ?? root;
        }

        return current;
    }

    private static string[] SplitComponents(string path)
    {
        var root = Path.GetPathRoot(path) ?? "";
        return path[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
    }
}
