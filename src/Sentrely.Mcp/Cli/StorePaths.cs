using Sentrely.Configuration;

namespace Sentrely.Mcp.Cli;

/// <summary>Resolves where the SQLite store lives.</summary>
internal static class StorePaths
{
    /// <summary>Returns <c>store.sqlite</c> with <c>~</c> expanded, else <c>$XDG_STATE_HOME/sentrely/sentrely.db</c>, else <c>~/.local/state/sentrely/sentrely.db</c>.</summary>
    public static string Sqlite(SentrelyConfig config)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (config.Store.Sqlite is { } configured)
        {
            return configured.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, configured[2..]) : configured;
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".local", "state");
        return Path.Combine(state, "sentrely", "sentrely.db");
    }
}
