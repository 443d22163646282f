namespace Sentrely.Mcp.Cli.Setup;

/// <summary>The command line Claude Code runs to start this Sentrely: <c>serve</c> plus the options given to <c>setup</c>.</summary>
internal sealed record ServerLaunch(string Command, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// Returns how to start the running executable: the native binary or apphost (a global tool's shim included) by
    /// its absolute path; under <c>dotnet sentrely.dll</c> the absolute <c>dotnet</c> host and the absolute dll, so
    /// the registered command starts exactly the build that wrote it, whatever PATH the client has.
    /// </summary>
    public static ServerLaunch ForThisProcess(string? configPath, bool sandbox)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running executable is unknown");
        var viaDotnet = Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var arguments = new List<string>();
        if (viaDotnet)
        {
            arguments.Add(Path.Combine(AppContext.BaseDirectory, "sentrely.dll"));
        }

        arguments.Add("serve");
        if (configPath is not null)
        {
            arguments.Add("--config");
            arguments.Add(configPath);
        }

        if (sandbox)
        {
            arguments.Add("--sandbox");
        }

        return new ServerLaunch(self, arguments);
    }

    /// <summary>Returns the command for a POSIX shell, each word single-quoted when it needs quoting.</summary>
    public string ShellText() => string.Join(' ', new[] { Command }.Concat(Arguments).Select(Quote));

    /// <summary>Returns <paramref name="word"/> as one shell word: unchanged when it is plain, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@%+,".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
