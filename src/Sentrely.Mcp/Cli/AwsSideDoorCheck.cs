using Sentrely.Mcp.Cli.Setup;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// The doctor's side-door check: AWS credentials the agent could use without Sentrely. Warnings, never failures:
/// in stdio mode the broker's own credentials are by necessity within the same user's reach, so a working setup
/// would otherwise never pass; the warning says so and names the strong boundary (the team server).
/// </summary>
internal static class AwsSideDoorCheck
{
    private static readonly string[] CredentialVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    ];

    /// <summary>Adds the check's lines to <paramref name="report"/>.</summary>
    public static void Run(DoctorReport report, string? home, string workingDirectory, Func<string, string?> getEnvironmentVariable)
    {
        var found = false;
        var variables = CredentialVariables.Where(v => getEnvironmentVariable(v) is { Length: > 0 }).ToList();
        if (variables.Count > 0)
        {
            found = true;
            report.Warn(
                $"AWS credential variables in Sentrely's environment: {string.Join(", ", variables)} (values not shown). In stdio mode the agent that started Sentrely most likely has them too, and can call AWS without Sentrely",
                "unset them in the agent's environment and give the broker its credentials through aws.profile (a file `sentrely setup claude-code` denies to the agent); the strong boundary is the team server, whose credentials live on another host");
        }

        var denied = home is null ? null : AwsDenyRuleSource(home, workingDirectory);
        foreach (var (path, label) in CredentialFiles(home, getEnvironmentVariable))
        {
            if (AwsCredentialFileScan.Scan(path) is { Count: > 0 } findings)
            {
                found = true;
                Report(report, denied, $"{label} is readable by this user and yields credentials: {string.Join("; ", findings)}");
            }
        }

        if (home is not null)
        {
            foreach (var cache in new[] { Path.Combine(home, ".aws", "sso", "cache"), Path.Combine(home, ".aws", "cli", "cache") })
            {
                if (AwsCredentialFileScan.ReadableFiles(cache) is > 0 and var count)
                {
                    found = true;
                    Report(report, denied, $"{cache} holds {count} cached token file(s) readable by this user");
                }
            }
        }

        if (!found)
        {
            report.Pass("no AWS credentials in Sentrely's environment or in ~/.aws for the agent to bypass Sentrely with");
        }
        else
        {
            report.Note("in stdio mode Sentrely runs as your user, so its broker credentials are within that user's reach: Claude Code's deny rules close the doors its tools use, not every program the agent could run; credentials on another host (the team server) are the strong boundary");
        }
    }

    private static void Report(DoctorReport report, string? denied, string what)
    {
        if (denied is not null)
        {
            report.Note($"{what}; Claude Code's permission rules in {denied} deny the agent reading ~/.aws/**");
        }
        else
        {
            report.Warn($"{what}: an agent that can read it can call AWS without Sentrely",
                "run `sentrely setup claude-code` (denies the agent ~/.aws/**, Sentrely's config and store, and the aws CLI), or keep these credentials where the agent never runs");
        }
    }

    private static IEnumerable<(string Path, string Label)> CredentialFiles(string? home, Func<string, string?> getEnvironmentVariable)
    {
        var files = new List<(string, string)>();
        if (home is not null)
        {
            files.Add((Path.Combine(home, ".aws", "credentials"), "~/.aws/credentials"));
            files.Add((Path.Combine(home, ".aws", "config"), "~/.aws/config"));
        }

        foreach (var variable in new[] { "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE" })
        {
            if (getEnvironmentVariable(variable) is { Length: > 0 } path && Path.IsPathFullyQualified(path))
            {
                files.Add((path, $"{path} (named by {variable})"));
            }
        }

        return files.DistinctBy(f => Path.GetFullPath(f.Item1));
    }

    // The settings files Claude Code reads for a session in this folder; returns the first that denies reading ~/.aws/**.
    private static string? AwsDenyRuleSource(string home, string workingDirectory)
    {
        string[] accepted = ["Read(~/.aws/**)", "Read(" + ClaudeDenyRules.AbsolutePattern(Path.Combine(home, ".aws")) + "/**)"];
        string[] files =
        [
            Path.Combine(workingDirectory, ".claude", "settings.json"),
            Path.Combine(workingDirectory, ".claude", "settings.local.json"),
            Path.Combine(home, ".claude", "settings.json"),
        ];
        return files.FirstOrDefault(f => ClaudeCodeFiles.DenyRules(f).Overlaps(accepted));
    }
}
