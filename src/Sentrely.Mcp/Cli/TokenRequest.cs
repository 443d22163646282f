using System.Globalization;
using Sentrely.Auth;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Policy;

namespace Sentrely.Mcp.Cli;

/// <summary>The checked arguments of <c>sentrely tokens create</c>.</summary>
internal sealed record TokenRequest(string Developer, string Project, string Name, TimeSpan? Lifetime, IReadOnlyList<string>? Tools, IReadOnlyList<string> Roles, string? Problem)
{
    public static TokenRequest Validate(
        string developer, string? project, string? name, string? expires, IReadOnlyList<string> tools, IReadOnlyList<string> roles, ToolCatalog catalog)
    {
        TokenRequest Fail(string problem) => new("", "", "", null, null, [], problem);

        // The values become STS SourceIdentity and session tags: refuse what STS would mangle rather than store a different name.
        if (developer.Length < 2 || StsNames.SourceIdentity(developer) != developer)
        {
            return Fail($"--developer `{developer}` must be 2–64 characters of letters, digits and + = , . @ _ -");
        }

        if (project is null)
        {
            return Fail("--project is required when the configuration sets no identity.project");
        }

        if (project.Length == 0 || StsNames.TagValue(project) != project)
        {
            return Fail($"--project `{project}` must be 1–256 letters, digits, spaces and _ . : / = + - @");
        }

        TimeSpan? lifetime = null;
        if (expires is not null)
        {
            if (ParseLifetime(expires) is not { } parsed)
            {
                return Fail($"--expires `{expires}` is not a lifetime such as 30d, 12h or 90m");
            }

            lifetime = parsed;
        }

        var known = catalog.ArgumentsByTool.Keys.ToArray();
        foreach (var glob in tools)
        {
            if (glob.Length is 0 or > 128 || glob.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '*' or '?')) || !known.Any(t => Glob.IsMatch(glob, t)))
            {
                return Fail($"--tools `{glob}` matches no tool; `sentrely tools list` shows the tools");
            }
        }

        foreach (var role in roles)
        {
            if (!CallerRoles.All.Contains(role, StringComparer.Ordinal))
            {
                return Fail($"--role `{role}` is not one of {string.Join(", ", CallerRoles.All)}");
            }
        }

        var label = string.IsNullOrWhiteSpace(name) ? developer : name.Trim();
        if (label.Length > 128 || label.Any(char.IsControl))
        {
            return Fail("--name must be at most 128 characters without control characters");
        }

        return new TokenRequest(developer, project, label, lifetime, tools.Count == 0 ? null : tools.Distinct().ToArray(),
            roles.Count == 0 ? [CallerRoles.Agent] : roles.Distinct().ToArray(), null);
    }

    public ApiToken ToToken(string id, string secretHash, string createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        Name = Name,
        Developer = Developer,
        Project = Project,
        Roles = Roles,
        Tools = Tools,
        SecretHash = secretHash,
        CreatedBy = createdBy,
        Created = now,
        Expires = Lifetime is { } lifetime ? now + lifetime : null,
    };

    internal static TimeSpan? ParseLifetime(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 100_000)
        {
            return null;
        }

        return text[^1] switch
        {
            'd' => TimeSpan.FromDays(n),
            'h' => TimeSpan.FromHours(n),
            'm' => TimeSpan.FromMinutes(n),
            's' => TimeSpan.FromSeconds(n),
            _ => null,
        };
    }
}
