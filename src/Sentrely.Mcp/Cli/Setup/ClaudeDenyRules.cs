using System.Text;

namespace Sentrely.Mcp.Cli.Setup;

/// <summary>
/// The Claude Code <c>permissions.deny</c> rules that keep the agent away from AWS credentials, from Sentrely's
/// own configuration and store, and from the <c>sentrely</c> commands that approve, kill or mint access.
/// </summary>
/// <remarks>
/// Path syntax, from Claude Code's permissions documentation (https://code.claude.com/docs/en/permissions, "Read and
/// Edit"): patterns follow the gitignore specification, and <c>//path</c> is an absolute path from the filesystem
/// root, <c>~/path</c> a path from the home directory, <c>/path</c> a path relative to the settings file and
/// <c>path</c> or <c>./path</c> one relative to the working directory. So an absolute path must be written with a
/// leading double slash: <c>Read(/home/me/x)</c> would mean a file under the project. The same page says Edit rules
/// apply to every built-in tool that edits files, so no Write rule is written (Claude Code warns at every start that
/// Write rules are not applied); <see cref="Superseded"/> names the Write rules earlier versions wrote, to remove them.
/// The files holding these rules (and <c>.mcp.json</c>) are denied to Edit, so the agent cannot lift them.
/// Bash rules are prefix/wildcard matches on the command text: they stop the obvious <c>aws …</c> invocations, not
/// a determined agent (python with boto3, curl with a hand-made signature), which is why the README calls this
/// hardening and the team server the boundary. The same holds for <c>sentrely approvals|sessions|tokens</c>: a stdio
/// agent runs as the same user, so without these rules it could approve its own refused call.
/// </remarks>
internal static class ClaudeDenyRules
{
    private static readonly string[] FileTools = ["Read", "Edit"];

    // The commands an agent must not run itself: approving its own requests, unkilling its session, minting tokens.
    private static readonly string[] GuardedCommands = ["approvals", "sessions", "tokens"];

    private static readonly string[] CredentialFileVariables = ["AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE"];

    /// <summary>Returns the rules, in a stable order, without duplicates.</summary>
    /// <param name="home">The home directory (absolute).</param>
    /// <param name="protectedFolders">Folders the agent may neither read nor edit: Sentrely's configuration and store folders (absolute).</param>
    /// <param name="protectedFiles">Files the agent may neither read nor edit: Sentrely's configuration file (absolute).</param>
    /// <param name="claudeFiles">Claude Code's own files holding these rules, which the agent must not edit (rule paths).</param>
    /// <param name="getEnvironmentVariable">Reads the AWS_* variables that name credential files.</param>
    public static IReadOnlyList<string> For(string home, IEnumerable<string> protectedFolders, IEnumerable<string> protectedFiles, IEnumerable<string> claudeFiles, Func<string, string?> getEnvironmentVariable)
    {
        var folders = protectedFolders.Select(f => PathPattern(f, home) + "/").Distinct(StringComparer.Ordinal).ToList();
        var files = protectedFiles.Select(f => PathPattern(f, home)).ToList();
        foreach (var variable in CredentialFileVariables)
        {
            if (getEnvironmentVariable(variable) is { Length: > 0 } file && Path.IsPathFullyQualified(file))
            {
                files.Add(PathPattern(Path.GetFullPath(file), home));
            }
        }

        var patterns = new List<string> { "~/.aws/**" };
        patterns.AddRange(folders.Select(f => f + "**"));
        // A file inside a protected folder is covered by the folder's rule already.
        patterns.AddRange(files.Where(f => !f.StartsWith("~/.aws/", StringComparison.Ordinal) && !folders.Any(d => f.StartsWith(d, StringComparison.Ordinal))));
        var rules = patterns.Distinct(StringComparer.Ordinal)
            .SelectMany(pattern => FileTools.Select(tool => $"{tool}({pattern})"))
            .ToList();
        rules.AddRange(claudeFiles.Select(file => $"Edit({file})"));
        rules.AddRange(
        [
            "Bash(aws)",
            "Bash(aws *)",
            "Bash(*/aws)",
            "Bash(*/aws *)",
            "Bash(env * aws *)",
            "Bash(AWS_* aws *)",
        ]);
        rules.AddRange(GuardedCommands.SelectMany(command => new[]
        {
            $"Bash(sentrely {command})",
            $"Bash(sentrely {command} *)",
            $"Bash(*/sentrely {command})",
            $"Bash(*/sentrely {command} *)",
        }));
        return rules.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns the Write rules earlier versions of Sentrely wrote beside each Edit rule of <paramref name="rules"/>; Claude Code ignores them.</summary>
    /// <param name="rules">The rules written now.</param>
    public static IReadOnlySet<string> Superseded(IEnumerable<string> rules) =>
        rules.Where(r => r.StartsWith("Edit(", StringComparison.Ordinal)).Select(r => "Write(" + r["Edit(".Length..]).ToHashSet(StringComparer.Ordinal);

    /// <summary>Returns <paramref name="absolute"/> as a rule path: <c>~/…</c> under the home directory, else <c>//…</c>; glob characters escaped.</summary>
    public static string PathPattern(string absolute, string home)
    {
        var full = Path.GetFullPath(absolute).Replace('\\', '/').TrimEnd('/');
        var homeFull = Path.GetFullPath(home).Replace('\\', '/').TrimEnd('/');
        var underHome = full.StartsWith(homeFull + "/", StringComparison.Ordinal);
        return underHome ? "~/" + Escape(full[(homeFull.Length + 1)..]) : AbsolutePattern(full);
    }

    /// <summary>Returns <paramref name="absolute"/> as an absolute rule path, <c>//…</c>, glob characters escaped.</summary>
    public static string AbsolutePattern(string absolute) => "//" + Escape(Path.GetFullPath(absolute).Replace('\\', '/').Trim('/'));

    // gitignore patterns: a backslash makes the next character literal; a parenthesis would end the rule early.
    private static string Escape(string path)
    {
        var builder = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c is '*' or '?' or '[' or ']' or '\\' or '(' or ')')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
