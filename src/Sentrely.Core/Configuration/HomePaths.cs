namespace Sentrely.Configuration;

/// <summary>Expands <c>~/</c> and checks that configured paths are absolute.</summary>
public static class HomePaths
{
    /// <summary>Returns the expanded, normalised absolute path, or null with <paramref name="problem"/> set.</summary>
    public static string? Expand(string path, string? home, out string? problem)
    {
        problem = null;
        var expanded = path;
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            if (string.IsNullOrEmpty(home))
            {
                problem = "starts with `~` but HOME is not set: write the absolute path";
                return null;
            }

            expanded = home + path[1..];
        }
        else if (path.StartsWith('~'))
        {
            problem = "`~user` paths are not supported: write the absolute path or `~/…`";
            return null;
        }

        if (!Path.IsPathFullyQualified(expanded))
        {
            // A relative path would resolve against the working directory, which the agent can write to.
            problem = $"`{path}` is not absolute: write an absolute path or `~/…`";
            return null;
        }

        return Path.GetFullPath(expanded);
    }

    /// <summary>Returns the home directory: HOME, else the OS user profile folder.</summary>
    public static string? Home(Func<string, string?> getEnvironmentVariable)
    {
        var home = getEnvironmentVariable("HOME");
        if (!string.IsNullOrEmpty(home))
        {
            return home;
        }

        var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return profile.Length == 0 ? null : profile;
    }
}
