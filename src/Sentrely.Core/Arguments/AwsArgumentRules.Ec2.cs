namespace Sentrely.Arguments;

/// <summary>EC2 identifiers, instance types and key pair names.</summary>
public static partial class AwsArgumentRules
{
    /// <summary>Checks an EC2 instance id: <c>i-</c> and 8 or 17 lowercase hex digits.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckInstanceId(string argument, string value) =>
        CheckId(argument, value, AwsPatterns.InstanceId().IsMatch(value), "an instance id", "i-");

    /// <summary>Checks an AMI id: <c>ami-</c> and 8 or 17 lowercase hex digits.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckImageId(string argument, string value) =>
        CheckId(argument, value, AwsPatterns.ImageId().IsMatch(value), "an image id", "ami-");

    /// <summary>Checks a subnet id: <c>subnet-</c> and 8 or 17 lowercase hex digits.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckSubnetId(string argument, string value) =>
        CheckId(argument, value, AwsPatterns.SubnetId().IsMatch(value), "a subnet id", "subnet-");

    /// <summary>Checks a security group id: <c>sg-</c> and 8 or 17 lowercase hex digits.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckSecurityGroupId(string argument, string value) =>
        CheckId(argument, value, AwsPatterns.SecurityGroupId().IsMatch(value), "a security group id", "sg-");

    /// <summary>Checks an instance type such as <c>t3.micro</c>, <c>m7i-flex.large</c> or <c>u-6tb1.metal</c>: family, '.', size; at most 32 characters.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckInstanceType(string argument, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= ArgumentLimits.MaxInstanceTypeLength && AwsPatterns.InstanceType().IsMatch(value)
            ? null
            : Refuse(argument, "must be an instance type such as \"t3.micro\": a lowercase family, '.', and a size (a-z 0-9), at most 32 characters", value);
    }

    /// <summary>Checks an EC2 key pair name: 1–255 printable ASCII characters without <c>* ? $ / \</c> and without leading or trailing spaces.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckKeyName(string argument, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value.Length > ArgumentLimits.MaxKeyNameLength)
        {
            return $"`{argument}` must be 1–{ArgumentLimits.MaxKeyNameLength} characters; got {value.Length}.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (ArgumentText.IsControl(c))
            {
                return ControlCharacter(argument, c, i);
            }

            if (c > '~')
            {
                return $"`{argument}` must be printable ASCII; found {ArgumentText.DescribeChar(c)} at index {i}.";
            }

            if (c is '*' or '?' or '$' or '/' or '\\')
            {
                return $"`{argument}` must not contain * ? $ / or \\ (IAM wildcard, policy-variable and ARN path characters); found '{c}' at index {i}.";
            }
        }

        return value[0] == ' ' || value[^1] == ' '
            ? Refuse(argument, "must not start or end with a space", value)
            : null;
    }

    private static string? CheckId(string argument, string value, bool isMatch, string what, string prefix)
    {
        ArgumentNullException.ThrowIfNull(value);
        return isMatch
            ? null
            : Refuse(argument, $"must be {what}: \"{prefix}\" followed by 8 or 17 lowercase hex digits", value);
    }
}
