using System.Text.RegularExpressions;

namespace Sentrely.Aws;

/// <summary>Checks regions and partitions and gives each partition's DNS suffix.</summary>
internal static partial class AwsPartitions
{
    /// <summary>Returns the DNS suffix of <paramref name="partition"/>.</summary>
    /// <exception cref="InvalidOperationException">The partition is not <c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>.</exception>
    public static string DnsSuffix(string partition) => partition switch
    {
        "aws" or "aws-us-gov" => "amazonaws.com",
        "aws-cn" => "amazonaws.com.cn",
        _ => throw new InvalidOperationException("aws.partition must be one of: aws, aws-cn, aws-us-gov."),
    };

    /// <summary>Returns <paramref name="region"/> when it looks like an AWS region name (<c>us-east-1</c>).</summary>
    /// <exception cref="InvalidOperationException">The region is malformed.</exception>
    public static string CheckRegion(string region) =>
        region is not null && RegionPattern().IsMatch(region)
            ? region
            : throw new InvalidOperationException("aws.region must be an AWS region name such as us-east-1.");

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    /// <summary>Returns the region IAM requests of <paramref name="partition"/> are signed for (IAM is global).</summary>
    /// <exception cref="InvalidOperationException">The partition is unknown.</exception>
    public static string IamRegion(string partition) => partition switch
    {
        "aws" => "us-east-1",
        "aws-us-gov" => "us-gov-west-1",
        "aws-cn" => "cn-north-1",
        _ => throw new InvalidOperationException("aws.partition must be one of: aws, aws-cn, aws-us-gov."),
    };

    /// <summary>Returns IAM's global endpoint in <paramref name="partition"/>.</summary>
    /// <exception cref="InvalidOperationException">The partition is unknown.</exception>
    public static Uri IamEndpoint(string partition) => partition switch
    {
        "aws" => new Uri("https://iam.amazonaws.com/"),
        "aws-us-gov" => new Uri("https://iam.us-gov.amazonaws.com/"),
        "aws-cn" => new Uri("https://iam.cn-north-1.amazonaws.com.cn/"),
        _ => throw new InvalidOperationException("aws.partition must be one of: aws, aws-cn, aws-us-gov."),
    };
}
