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

    /// <summary>
    /// Checks an ECR image URI <c>ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/REPOSITORY@sha256:DIGEST</c>: the registry
    /// must be the configured account's, in the configured region and partition, and the image a digest.
    /// </summary>
    /// <remarks>
    /// Another account's registry would deploy code nobody here controls. A tag can be moved to other code after a
    /// reviewer approved it, so only a digest binds the deploy to exact content (DESIGN.md: approvals bind content);
    /// a digest is required on every call, not only approved ones, so a rule that later adds approval changes nothing
    /// an agent must learn.
    /// </remarks>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <param name="context">The configured partition, region and account.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckImageUri(string argument, string value, ArgumentContext context)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(context);
        var registry = $"{context.AccountId}.dkr.ecr.{context.Region}.{EcrDomain(context.Partition)}";
        if (value.Length > 512 || ImageUriPattern().Match(value) is not { Success: true } match)
        {
            return Refuse(argument, $"must be an ECR image URI with a digest, such as {registry}/app@sha256:<64 hex digits>", value);
        }

        if (!string.Equals(match.Groups["registry"].Value, registry, StringComparison.Ordinal))
        {
            return Refuse(argument, $"must name the configured account's registry `{registry}` (another account's or region's image is refused)", value);
        }

        return match.Groups["digest"].Success
            ? null
            : Refuse(argument, "must pin the image by digest (`@sha256:…`), not by tag: a tag can be moved to other code after it was approved", value);
    }

    private static string EcrDomain(string partition) => partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RevisionIdPattern();

    [GeneratedRegex(@"^(?<registry>[0-9]{12}\.dkr\.ecr\.[a-z]{2}(?:-gov)?-[a-z]+-[0-9]\.amazonaws\.com(?:\.cn)?)/[a-z0-9][a-z0-9._/-]{0,255}(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|(?<digest>@sha256:[a-f0-9]{64}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageUriPattern();
}
