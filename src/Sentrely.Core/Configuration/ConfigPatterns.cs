using System.Text.RegularExpressions;

namespace Sentrely.Configuration;

/// <summary>The regular expressions of configuration values (ASCII-only classes: <c>\d</c> would accept non-ASCII digits).</summary>
internal static partial class ConfigPatterns
{
    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", RegexOptions.CultureInvariant)]
    public static partial Regex Region();

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    public static partial Regex AccountId();

    [GeneratedRegex("^arn:(?<partition>[a-z-]+):iam::(?<account>[0-9]{12}):role/(?:[A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex RoleArn();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    public static partial Regex RoleKey();

    /// <summary>STS SourceIdentity: 2–64 of <c>[\w+=,.@-]</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]{2,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex SourceIdentity();

    /// <summary>An STS session tag value (the project is sent as one).</summary>
    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$", RegexOptions.CultureInvariant)]
    public static partial Regex TagValue();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex RuleId();

    [GeneratedRegex("^[A-Za-z0-9_.*?-]{1,128}$", RegexOptions.CultureInvariant)]
    public static partial Regex ToolGlob();
}
