using System.Text.RegularExpressions;

namespace Sentrely.Arguments;

/// <summary>Gets the precompiled patterns of AWS names and identifiers.</summary>
/// <remarks>
/// Every pattern ends in <c>\z</c>, not <c>$</c> (which also matches before a final newline), and spells digits
/// <c>[0-9]</c>, not <c>\d</c> (which matches every Unicode decimal digit).
/// </remarks>
internal static partial class AwsPatterns
{
    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    public static partial Regex BucketName();

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex IpAddressShaped();

    // RFC 9110 media-type: type "/" subtype *( OWS ";" OWS token "=" token ), with tokens only (no quoted strings).
    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:[ \t]*;[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+=[!#$%&'*+.^_`|~0-9A-Za-z-]+)*\z", RegexOptions.CultureInvariant)]
    public static partial Regex MediaType();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    public static partial Regex FunctionName();

    [GeneratedRegex(@"^[0-9]{1,10}\z", RegexOptions.CultureInvariant)]
    public static partial Regex FunctionVersion();

    [GeneratedRegex(@"^[0-9]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex AllDigits();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z", RegexOptions.CultureInvariant)]
    public static partial Regex FunctionAlias();

    [GeneratedRegex(@"^i-(?:[0-9a-f]{8}|[0-9a-f]{17})\z", RegexOptions.CultureInvariant)]
    public static partial Regex InstanceId();

    [GeneratedRegex(@"^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})\z", RegexOptions.CultureInvariant)]
    public static partial Regex ImageId();

    [GeneratedRegex(@"^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})\z", RegexOptions.CultureInvariant)]
    public static partial Regex SubnetId();

    [GeneratedRegex(@"^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})\z", RegexOptions.CultureInvariant)]
    public static partial Regex SecurityGroupId();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*\.[a-z0-9]+\z", RegexOptions.CultureInvariant)]
    public static partial Regex InstanceType();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z", RegexOptions.CultureInvariant)]
    public static partial Regex TagText();

    [GeneratedRegex(@"^(?:aws|aws-cn|aws-us-gov)\z", RegexOptions.CultureInvariant)]
    public static partial Regex Partition();

    [GeneratedRegex(@"^[a-z]{2}(?:-gov)?-[a-z]+-[0-9]\z", RegexOptions.CultureInvariant)]
    public static partial Regex Region();

    [GeneratedRegex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant)]
    public static partial Regex AccountId();
}
