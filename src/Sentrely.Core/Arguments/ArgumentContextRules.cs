namespace Sentrely.Arguments;

/// <summary>
/// Checks the configured partition, region and account that ARNs are built from. Each check returns null when
/// valid, else a message naming the setting; the configuration loader adds the file and line.
/// </summary>
public static class ArgumentContextRules
{
    /// <summary>Checks a partition: <c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>.</summary>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckPartition(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AwsPatterns.Partition().IsMatch(value)
            ? null
            : $"partition must be aws, aws-cn or aws-us-gov; got {ArgumentText.Quote(value)}.";
    }

    /// <summary>Checks a region name such as <c>us-east-1</c> or <c>us-gov-west-1</c>.</summary>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckRegion(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AwsPatterns.Region().IsMatch(value)
            ? null
            : $"region must be a region name such as us-east-1 or us-gov-west-1; got {ArgumentText.Quote(value)}.";
    }

    /// <summary>Checks an account id: exactly 12 digits.</summary>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckAccountId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AwsPatterns.AccountId().IsMatch(value)
            ? null
            : $"account id must be exactly 12 digits (quote it in YAML to keep leading zeros); got {ArgumentText.Quote(value)}.";
    }

    /// <summary>Checks that a valid region belongs to a valid partition: <c>cn-*</c> to aws-cn, <c>us-gov-*</c> to aws-us-gov, the rest to aws.</summary>
    /// <param name="partition">A partition that passed <see cref="CheckPartition"/>.</param>
    /// <param name="region">A region that passed <see cref="CheckRegion"/>.</param>
    /// <returns>Null when they match, else the error message.</returns>
    public static string? CheckRegionInPartition(string partition, string region)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(region);
        var expected = region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
        return string.Equals(partition, expected, StringComparison.Ordinal)
            ? null
            : $"region {ArgumentText.Quote(region)} belongs to partition {expected}, not {ArgumentText.Quote(partition)}.";
    }
}
