using System.Globalization;
using System.Text.RegularExpressions;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.Services;

/// <summary>A validated AssumeRole request; <see cref="Parse"/> returns (code, message) for the first violation.</summary>
internal sealed partial record AssumeRoleInput(
    string RoleArn,
    string RoleName,
    string SessionName,
    string? Policy,
    SessionPolicy? ParsedPolicy,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<string> TransitiveTagKeys,
    string? SourceIdentity,
    int DurationSeconds)
{
    public static (AssumeRoleInput? Input, string? Code, string? Message) Parse(FormParameters form)
    {
        static (AssumeRoleInput?, string?, string?) Invalid(string field, string constraint) =>
            (null, "ValidationError", $"1 validation error detected: Value at '{field}' failed to satisfy constraint: {constraint}");

        var roleArn = form["RoleArn"];
        if (roleArn is null || roleArn.Length is < 20 or > 2048)
        {
            return Invalid("roleArn", "Member must have length between 20 and 2048");
        }

        var sessionName = form["RoleSessionName"];
        if (sessionName is null || sessionName.Length is < 2 or > 64 || !NamePattern().IsMatch(sessionName))
        {
            return Invalid("roleSessionName", @"Member must have length between 2 and 64 and satisfy [\w+=,.@-]*");
        }

        var durationText = form["DurationSeconds"];
        var duration = 3600;
        if (durationText is not null
            && (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out duration) || duration is < 900 or > 43200))
        {
            return Invalid("durationSeconds", "Member must have value between 900 and 43200");
        }

        var sourceIdentity = form["SourceIdentity"];
        if (sourceIdentity is not null && (sourceIdentity.Length is < 2 or > 64 || !NamePattern().IsMatch(sourceIdentity)))
        {
            return Invalid("sourceIdentity", @"Member must have length between 2 and 64 and satisfy [\w+=,.@-]*");
        }

        if (sourceIdentity?.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) == true)
        {
            return (null, "ValidationError", "SourceIdentity must not start with 'aws:'.");
        }

        var policy = form["Policy"];
        SessionPolicy? parsed = null;
        if (policy is not null)
        {
            if (policy.Length is < 1 or > 2048)
            {
                return Invalid("policy", "Member must have length less than or equal to 2048");
            }

            parsed = SessionPolicyParser.TryParse(policy, out var error);
            if (parsed is null)
            {
                return (null, "MalformedPolicyDocument", error);
            }
        }

        var tags = new List<KeyValuePair<string, string>>();
        for (var i = 1; form[$"Tags.member.{i}.Key"] is { } key; i++)
        {
            var value = form[$"Tags.member.{i}.Value"] ?? string.Empty;
            if (i > 50)
            {
                return Invalid("tags", "Member must have length less than or equal to 50");
            }

            if (key.Length is < 1 or > 128 || !TagPattern().IsMatch(key) || value.Length > 256 || (value.Length > 0 && !TagPattern().IsMatch(value)))
            {
                return Invalid($"tags.{i}.member", "Tag keys are 1-128 and values 0-256 of [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                return (null, "ValidationError", "Tag keys must not start with 'aws:'.");
            }

            if (tags.Exists(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, "InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }

            tags.Add(new(key, value));
        }

        var transitive = form.List("TransitiveTagKeys.member");
        if (transitive.Count > 50)
        {
            return Invalid("transitiveTagKeys", "Member must have length less than or equal to 50");
        }

        if (transitive.Any(k => !tags.Exists(t => string.Equals(t.Key, k, StringComparison.OrdinalIgnoreCase))))
        {
            return (null, "InvalidParameterValue", "The specified transitive tag key must be included in the requested tags.");
        }

        var match = RoleArnPattern().Match(roleArn);
        var roleName = match.Success ? match.Groups["name"].Value : string.Empty;
        return (new AssumeRoleInput(roleArn, roleName, sessionName, policy, parsed, tags, transitive, sourceIdentity, duration), null, null);
    }

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^arn:aws:iam::(?<account>[0-9]{12}):role/(?:[A-Za-z0-9_+=,.@-]+/)*(?<name>[A-Za-z0-9_+=,.@-]{1,64})$")]
    internal static partial Regex RoleArnPattern();
}
