using System.Text.RegularExpressions;

namespace Sentrely.Iam;

/// <summary>
/// The principal the trust policies name: an IAM role, user or account root ARN. A caller identity that is a role
/// session (<c>arn:aws:sts::A:assumed-role/R/S</c>) becomes its role's ARN; its path is not visible in that ARN.
/// </summary>
public static partial class BrokerPrincipal
{
    /// <summary>Returns <paramref name="arn"/> when it is a principal a trust policy can name, else null.</summary>
    /// <param name="arn">The ARN given with <c>--broker</c>.</param>
    public static string? Validate(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        return PrincipalArn().IsMatch(arn) ? arn : null;
    }

    /// <summary>Returns <paramref name="arn"/> when it is a customer-managed policy ARN (a boundary), else null.</summary>
    /// <param name="arn">The ARN given with <c>--boundary</c>.</param>
    public static string? ValidatePolicyArn(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        return PolicyArn().IsMatch(arn) ? arn : null;
    }

    /// <summary>Returns the trust-policy principal for a GetCallerIdentity ARN, and a warning when its path may be missing.</summary>
    /// <param name="callerArn">The caller identity's ARN.</param>
    /// <returns>The principal, or null with a reason when the caller cannot be named (a federated user).</returns>
    public static (string? Principal, string? Note) FromCaller(string callerArn)
    {
        ArgumentNullException.ThrowIfNull(callerArn);
        var session = AssumedRole().Match(callerArn);
        if (session.Success)
        {
            var role = $"arn:{session.Groups["partition"].Value}:iam::{session.Groups["account"].Value}:role/{session.Groups["role"].Value}";
            return (role, $"the base credentials are a session of role {role}; if that role has a path, pass --broker with its full ARN");
        }

        return Validate(callerArn) is { } principal
            ? (principal, null)
            : (null, $"the caller identity {callerArn} cannot be named in a trust policy: pass --broker with the ARN of the role or user that runs Sentrely");
    }

    [GeneratedRegex(@"^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(root|(role|user)/([\w+=,.@-]+/)*[\w+=,.@-]{1,64})$", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalArn();

    [GeneratedRegex(@"^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}|aws):policy/([\w+=,.@-]+/)*[\w+=,.@-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyArn();

    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):sts::(?<account>\d{12}):assumed-role/(?<role>[\w+=,.@-]{1,64})/[\w+=,.@-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AssumedRole();
}
