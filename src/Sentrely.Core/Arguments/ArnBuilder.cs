using System.Buffers;

namespace Sentrely.Arguments;

/// <summary>
/// Builds resource ARNs from validated arguments and the configured partition, region and account.
/// </summary>
/// <remarks>
/// Inputs must already have passed <see cref="AwsArgumentRules"/> and <see cref="ArgumentContextRules"/>. As a last
/// line of defence against a handler that skipped validation, a part containing an IAM wildcard or policy-variable
/// character, a control character, or (outside the resource path) ':' or '/' throws: that is a bug, not a refusal.
/// </remarks>
public static class ArnBuilder
{
    private static readonly SearchValues<char> NeverInArn = SearchValues.Create("*?$" + ControlCharacters());
    private static readonly SearchValues<char> NeverInScope = SearchValues.Create("*?$:/" + ControlCharacters());

    /// <summary>Returns <c>arn:P:s3:::BUCKET/KEY</c>; also used for a list prefix.</summary>
    /// <param name="partition">The configured partition.</param>
    /// <param name="bucket">A valid bucket name.</param>
    /// <param name="key">A valid object key or prefix.</param>
    /// <returns>The ARN.</returns>
    public static string S3Object(string partition, string bucket, string key) =>
        string.Concat("arn:", Scope(partition), ":s3:::", Scope(bucket), "/", Path(key));

    /// <summary>Returns <c>arn:P:s3:::BUCKET</c>.</summary>
    /// <param name="partition">The configured partition.</param>
    /// <param name="bucket">A valid bucket name.</param>
    /// <returns>The ARN.</returns>
    public static string S3Bucket(string partition, string bucket) =>
        string.Concat("arn:", Scope(partition), ":s3:::", Scope(bucket));

    /// <summary>Returns <c>arn:P:lambda:REGION:ACCOUNT:function:NAME</c>.</summary>
    /// <param name="partition">The configured partition.</param>
    /// <param name="region">The configured region.</param>
    /// <param name="account">The configured account id.</param>
    /// <param name="name">A valid plain function name.</param>
    /// <returns>The ARN.</returns>
    public static string LambdaFunction(string partition, string region, string account, string name) =>
        Regional(partition, "lambda", region, account, "function:" + Scope(name));

    /// <summary>Returns <c>arn:P:ec2:REGION:ACCOUNT:instance/ID</c>.</summary>
    /// <param name="partition">The configured partition.</param>
    /// <param name="region">The configured region.</param>
    /// <param name="account">The configured account id.</param>
    /// <param name="instanceId">A valid instance id.</param>
    /// <returns>The ARN.</returns>
    public static string Ec2Instance(string partition, string region, string account, string instanceId) =>
        Regional(partition, "ec2", region, account, "instance/" + Scope(instanceId));

    /// <summary>Returns <c>arn:P:ec2:REGION::image/ID</c>: AMI ARNs carry no account.</summary>
    /// <param name="partition">The configured partition.</param>
    /// <param name="region">The configured region.</param>
    /// <param name="imageId">A valid image id.</param>
    /// <returns>The ARN.</returns>
    public static string Ec2Image(string partition, string region, string imageId) =>
        string.Concat("arn:", Scope(partition), ":ec2:", Scope(region), "::image/", Scope(imageId));

    /// <summary>Returns <c>arn:P:ec2:REGION:ACCOUNT:subnet/ID</c>.</summary>
    /// <param name="partition">The configured partition.</param>
    /// <param name="region">The configured region.</param>
    /// <param name="account">The configured account id.</param>
    /// <param name="subnetId">A valid subnet id.</param>
    /// <returns>The ARN.</returns>
    public static string Ec2Subnet(string partition, string region, string account, string subnetId) =>
        Regional(partition, "ec2", region, account, "subnet/" + Scope(subnetId));

    /// <summary>Returns <c>arn:P:ec2:REGION:ACCOUNT:security-group/ID</c>.</summary>
    /// <param name="partition">The configured partition.</param>
    /// <param name="region">The configured region.</param>
    /// <param name="account">The configured account id.</param>
    /// <param name="securityGroupId">A valid security group id.</param>
    /// <returns>The ARN.</returns>
    public static string Ec2SecurityGroup(string partition, string region, string account, string securityGroupId) =>
        Regional(partition, "ec2", region, account, "security-group/" + Scope(securityGroupId));

    /// <summary>Returns <c>arn:P:ec2:REGION:ACCOUNT:key-pair/NAME</c>.</summary>
    /// <param name="partition">The configured partition.</param>
    /// <param name="region">The configured region.</param>
    /// <param name="account">The configured account id.</param>
    /// <param name="keyName">A valid key pair name.</param>
    /// <returns>The ARN.</returns>
    public static string Ec2KeyPair(string partition, string region, string account, string keyName) =>
        Regional(partition, "ec2", region, account, "key-pair/" + Path(keyName));

    private static string Regional(string partition, string service, string region, string account, string resource) =>
        string.Concat("arn:", Scope(partition), ":", service, ":", Scope(region), ":", Scope(account), ":", resource);

    private static string ControlCharacters() =>
        string.Create(0x20 + 0x21, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)(i < 0x20 ? i : 0x7F + i - 0x20);
            }
        });

    private static string Scope(string part) => Guard(part, NeverInScope);

    private static string Path(string part) => Guard(part, NeverInArn);

    private static string Guard(string part, SearchValues<char> forbidden)
    {
        ArgumentException.ThrowIfNullOrEmpty(part);
        if (part.AsSpan().IndexOfAny(forbidden) >= 0)
        {
            throw new ArgumentException("An ARN part contains a character validation must have refused; the argument was not validated.", nameof(part));
        }

        return part;
    }
}
