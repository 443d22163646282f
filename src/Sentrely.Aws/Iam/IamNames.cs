using System.Text.RegularExpressions;

namespace Sentrely.Aws.Iam;

/// <summary>Checks IAM names and extracts role names from role ARNs.</summary>
public static partial class IamNames
{
    /// <summary>Returns the role name of <c>arn:PARTITION:iam::ACCOUNT:role[/path]/NAME</c>, or null when it is not a role ARN.</summary>
    /// <param name="roleArn">The role ARN.</param>
    public static string? RoleNameOf(string roleArn)
    {
        ArgumentNullException.ThrowIfNull(roleArn);
        var match = RoleArnPattern().Match(roleArn);
        return match.Success ? match.Groups["name"].Value : null;
    }

    /// <summary>Returns whether <paramref name="name"/> is a valid IAM role name.</summary>
    /// <param name="name">The name.</param>
    public static bool IsRoleName(string name) => name is { Length: >= 1 and <= 64 } && NamePattern().IsMatch(name);

    internal static void CheckName(string name, int maxLength, string parameter)
    {
        if (name is null || name.Length < 1 || name.Length > maxLength || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"An IAM name must be 1-{maxLength} characters of [\\w+=,.@-].", parameter);
        }
    }

    [GeneratedRegex(@"^[\w+=,.@-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/(?:[\x21-\x7E]*/)?(?<name>[\w+=,.@-]{1,64})\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();
}
