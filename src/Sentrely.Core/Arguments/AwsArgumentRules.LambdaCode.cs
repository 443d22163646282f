using System.Text.RegularExpressions;

namespace Sentrely.Arguments;

/// <summary>Lambda code sources: revision ids and container image URIs.</summary>
public static partial class AwsArgumentRules
{
    /// <summary>Checks a function revision id: 1–64 characters of <c>A-Z a-z 0-9 -</c> (Lambda issues UUIDs).</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckRevisionId(string argument, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return RevisionIdPattern().IsMatch(value) ? null : Refuse(argument, "must be a revision id as returned by get-function", value);
    }

    /// <summary>Checks an ECR image URI: <c>ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/REPOSITORY</c> with a <c>:tag</c> or <c>@sha256:digest</c>.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckImageUri(string argument, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 512 && ImageUriPattern().IsMatch(value)
            ? null
            : Refuse(argument, "must be an ECR image URI such as 111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2", value);
    }

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RevisionIdPattern();

    [GeneratedRegex(@"^[0-9]{12}\.dkr\.ecr\.[a-z]{2}(?:-gov)?-[a-z]+-[0-9]\.amazonaws\.com(?:\.cn)?/[a-z0-9][a-z0-9._/-]{0,255}(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[a-f0-9]{64})\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageUriPattern();
}
