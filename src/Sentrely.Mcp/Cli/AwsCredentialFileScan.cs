namespace Sentrely.Mcp.Cli;

/// <summary>Finds what in an AWS shared config or credentials file yields credentials: section and key names, never values.</summary>
internal static class AwsCredentialFileScan
{
    private static readonly HashSet<string> CredentialKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "credential_process",
        "sso_session", "sso_start_url", "web_identity_token_file", "role_arn",
    };

    /// <summary>Returns one entry per section with credential keys (<c>[default]: aws_access_key_id, aws_secret_access_key</c>); null when the file cannot be read.</summary>
    public static IReadOnlyList<string>? Scan(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var findings = new List<string>();
        var section = "(no section)";
        var keys = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                Flush();
                section = line;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !line.StartsWith('#') && !line.StartsWith(';'))
            {
                var key = line[..equals].Trim();
                if (CredentialKeys.Contains(key) && !keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    keys.Add(key.ToLowerInvariant());
                }
            }
        }

        Flush();
        return findings;

        void Flush()
        {
            if (keys.Count > 0)
            {
                // Section names are profile names, not secrets; a value never leaves this method.
                findings.Add($"{Shorten(section)}: {string.Join(", ", keys)}");
            }

            keys.Clear();
        }
    }

    /// <summary>Returns how many files under <paramref name="folder"/> this user can open; 0 when it does not exist.</summary>
    public static int ReadableFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var count = 0;
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                try
                {
                    using var stream = File.OpenRead(file);
                    count++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Unreadable for this user means unreadable for the agent too.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return count;
        }

        return count;
    }

    private static string Shorten(string section) => section.Length <= 80 ? section : section[..79] + "…]";
}
