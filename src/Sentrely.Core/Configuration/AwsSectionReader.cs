using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads the <c>aws</c> section.</summary>
internal static class AwsSectionReader
{
    private static readonly string[] Keys = ["region", "partition", "accountId", "profile", "roles", "credentials", "endpoints"];
    private static readonly string[] CredentialKeys = ["durationSeconds", "reuse"];
    private static readonly string[] Partitions = ["aws", "aws-cn", "aws-us-gov"];
    private static readonly string[] EndpointServices = ["sts", "s3", "lambda", "ec2", "iam"];
    private const string FromEnvironment = "fromEnvironment";

    public static AwsConfig Read(YamlNodeReader reader, YamlNode node)
    {
        var defaults = new AwsConfig();
        if (reader.Mapping(node, "aws", Keys) is not { } map)
        {
            return defaults;
        }

        var partition = map.TryGetValue("partition", out var p) ? ReadPartition(reader, p) : defaults.Partition;
        var region = map.TryGetValue("region", out var r) ? ReadRegion(reader, r, partition) : defaults.Region;
        var accountId = map.TryGetValue("accountId", out var a) ? ReadAccountId(reader, a) : null;
        var accountValid = !map.ContainsKey("accountId") || accountId is not null;
        var (endpoints, fromEnvironment) = map.TryGetValue("endpoints", out var e) ? ReadEndpoints(reader, e) : (defaults.Endpoints, false);
        return defaults with
        {
            Partition = partition ?? defaults.Partition,
            Region = region ?? defaults.Region,
            AccountId = accountId,
            Profile = map.TryGetValue("profile", out var pr) ? reader.String(pr, "aws.profile") : null,
            Roles = map.TryGetValue("roles", out var ro) ? ReadRoles(reader, ro, partition, accountId, accountValid) : defaults.Roles,
            Credentials = map.TryGetValue("credentials", out var c) ? ReadCredentials(reader, c) : defaults.Credentials,
            Endpoints = endpoints,
            EndpointsFromEnvironment = fromEnvironment,
        };
    }

    private static string? ReadPartition(YamlNodeReader reader, YamlNode node)
    {
        var value = reader.String(node, "aws.partition");
        if (value is not null && !Partitions.Contains(value, StringComparer.Ordinal))
        {
            reader.Error(node, "aws.partition", ConfigErrorCodes.InvalidPartition,
                $"`{value}` is not a partition{Suggestions.Hint(value, Partitions)}: use {YamlNodeReader.Quote(Partitions)}");
            return null;
        }

        return value;
    }

    private static string? ReadRegion(YamlNodeReader reader, YamlNode node, string? partition)
    {
        var value = reader.String(node, "aws.region");
        if (value is null)
        {
            return null;
        }

        if (!ConfigPatterns.Region().IsMatch(value))
        {
            reader.Error(node, "aws.region", ConfigErrorCodes.InvalidRegion, $"`{value}` is not a region code: write one such as `us-east-1`");
            return null;
        }

        var expected = value.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : value.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
        if (partition is not null && partition != expected)
        {
            reader.Error(node, "aws.region", ConfigErrorCodes.InvalidRegion,
                $"region `{value}` belongs to partition `{expected}`, not `{partition}`: fix `aws.region` or `aws.partition`");
            return null;
        }

        return value;
    }

    private static string? ReadAccountId(YamlNodeReader reader, YamlNode node)
    {
        // The scalar's text, never a parsed number: "012345678901" must keep its leading zero.
        var value = reader.String(node, "aws.accountId");
        if (value is not null && !ConfigPatterns.AccountId().IsMatch(value))
        {
            reader.Error(node, "aws.accountId", ConfigErrorCodes.InvalidAccountId, $"`{value}` is not a 12-digit account id: write it in quotes, for example \"111122223333\"");
            return null;
        }

        return value;
    }

    private static Dictionary<string, string> ReadRoles(YamlNodeReader reader, YamlNode node, string? partition, string? accountId, bool accountValid)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (accountId is null && accountValid)
        {
            reader.Error(node, "aws.roles", ConfigErrorCodes.InvalidAccountId, "role ARNs are checked against `aws.accountId`: set it to the roles' 12-digit account id");
        }

        foreach (var (keyNode, key, value) in reader.FreeMapping(node, "aws.roles", "role keys to role ARNs") ?? [])
        {
            var field = FieldPath.Child("aws.roles", key);
            if (!ConfigPatterns.RoleKey().IsMatch(key))
            {
                reader.Error(keyNode, field, ConfigErrorCodes.InvalidValue, $"role key `{key}` must be lower case letters, digits and `-` (the manifests use `read` and `deploy`)");
                continue;
            }

            if (reader.String(value, field) is not { } arn)
            {
                continue;
            }

            var match = ConfigPatterns.RoleArn().Match(arn);
            if (!match.Success)
            {
                reader.Error(value, field, ConfigErrorCodes.InvalidRoleArn, $"`{arn}` is not a role ARN: write `arn:PARTITION:iam::ACCOUNT:role/NAME`");
            }
            else if (partition is not null && match.Groups["partition"].Value != partition)
            {
                reader.Error(value, field, ConfigErrorCodes.InvalidRoleArn, $"the role is in partition `{match.Groups["partition"].Value}` but `aws.partition` is `{partition}`: use a role of this partition");
            }
            else if (accountId is not null && match.Groups["account"].Value != accountId)
            {
                reader.Error(value, field, ConfigErrorCodes.InvalidRoleArn, $"the role is in account {match.Groups["account"].Value} but `aws.accountId` is {accountId}: use a role of this account");
            }
            else
            {
                roles[key] = arn;
            }
        }

        return roles;
    }

    private static CredentialsConfig ReadCredentials(YamlNodeReader reader, YamlNode node)
    {
        var defaults = new CredentialsConfig();
        if (reader.Mapping(node, "aws.credentials", CredentialKeys) is not { } map)
        {
            return defaults;
        }

        var duration = defaults.DurationSeconds;
        if (map.TryGetValue("durationSeconds", out var d))
        {
            const string Field = "aws.credentials.durationSeconds";
            var text = reader.String(d, Field);
            if (text is not null && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out duration) || duration < 900 || duration > 43200))
            {
                reader.Error(d, Field, ConfigErrorCodes.InvalidDuration, $"`{text}` is not a number of seconds from 900 to 43200 (at most 3600 when the base credentials are a role session)");
                duration = defaults.DurationSeconds;
            }
        }

        var reuse = defaults.Reuse;
        if (map.TryGetValue("reuse", out var r) && reader.String(r, "aws.credentials.reuse") is { } text2)
        {
            reuse = text2 switch
            {
                "per-scope" => CredentialReuse.PerScope,
                "per-call" => CredentialReuse.PerCall,
                _ => Invalid(reader, r, text2),
            };
        }

        return new CredentialsConfig { DurationSeconds = duration, Reuse = reuse };
    }

    private static CredentialReuse Invalid(YamlNodeReader reader, YamlNode node, string value)
    {
        reader.Error(node, "aws.credentials.reuse", ConfigErrorCodes.InvalidValue, $"`{value}` is not a reuse mode: use `per-scope` or `per-call`");
        return CredentialReuse.PerCall;
    }

    private static (Dictionary<string, Uri> Endpoints, bool FromEnvironment) ReadEndpoints(YamlNodeReader reader, YamlNode node)
    {
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var fromEnvironment = false;
        foreach (var (keyNode, key, value) in reader.FreeMapping(node, "aws.endpoints", "service keys to URLs") ?? [])
        {
            var field = FieldPath.Child("aws.endpoints", key);
            if (key == FromEnvironment)
            {
                fromEnvironment = ReadFromEnvironment(reader, value, field);
                continue;
            }

            if (!EndpointServices.Contains(key, StringComparer.Ordinal))
            {
                string[] keys = [.. EndpointServices, FromEnvironment];
                reader.Error(keyNode, field, ConfigErrorCodes.UnknownKey, $"unknown service `{key}`{Suggestions.Hint(key, keys)}; allowed keys are {YamlNodeReader.Quote(keys)}");
                continue;
            }

            if (reader.String(value, field) is not { } text)
            {
                continue;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                reader.Error(value, field, ConfigErrorCodes.InvalidEndpoint, "is not an absolute http(s) URL without user info, query or fragment: write one such as `http://127.0.0.1:4566`");
                continue;
            }

            endpoints[key] = uri;
        }

        return (endpoints, fromEnvironment);
    }

    // An endpoint the agent could set in the server's environment would receive signed requests: opt in explicitly.
    private static bool ReadFromEnvironment(YamlNodeReader reader, YamlNode value, string field) =>
        reader.Boolean(value, field, ConfigErrorCodes.InvalidValue) ?? false;
}
