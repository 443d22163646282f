using Sentrely.Configuration;

namespace Sentrely.Mcp.Cli;

/// <summary>Resolves where the SQLite store lives; always an absolute path, never one relative to the working directory.</summary>
internal static class StorePaths
{
    /// <summary>Returns <c>store.sqlite</c> (already expanded by the loader), else <c>$XDG_STATE_HOME/sentrely/sentrely.db</c>, else <c>~/.local/state/sentrely/sentrely.db</c>.</summary>
    public static string Sqlite(SentrelyConfig config)
    {
        if (config.Store.Sqlite is { } configured)
        {
            return configured;
        }

        // XDG requires an absolute XDG_STATE_HOME; a relative one is ignored as the spec says.
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(
                HomePaths.Home(Environment.GetEnvironmentVariable) ?? throw new InvalidOperationException("HOME is not set: set store.sqlite in sentrely.yaml to an absolute path"),
                ".local",
                "state");
        return Path.Combine(state, "sentrely", "sentrely.db");
    }

    /// <summary>
    /// Returns the store of <c>--sandbox</c> runs: always <c>sandbox.db</c> in the default state folder, whatever
    /// <c>store.sqlite</c> says, so sandbox records never mix with real ones and every command finds them.
    /// </summary>
    public static string Sandbox() => Path.Combine(Path.GetDirectoryName(Sqlite(new SentrelyConfig()))!, "sandbox.db");

    /// <summary>Returns the sandbox store when <paramref name="sandbox"/> is set, else the real one.</summary>
    public static string For(SentrelyConfig config, bool sandbox) => sandbox ? Sandbox() : Sqlite(config);
}
