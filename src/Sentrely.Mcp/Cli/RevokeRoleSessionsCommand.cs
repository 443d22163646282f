using System.CommandLine;
using System.Globalization;
using Sentrely.Aws;
using Sentrely.Aws.Credentials;
using Sentrely.Aws.Iam;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// <c>sentrely revoke-role-sessions</c>: puts AWS's <c>AWSRevokeOlderSessions</c> inline policy on a role, so every
/// credential of that role issued before a time is refused by AWS, wherever it was copied to.
/// </summary>
internal static class RevokeRoleSessionsCommand
{
    public const string Tool = "sentrely:revoke-role-sessions";
    public const string PolicyName = "AWSRevokeOlderSessions";

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "A key of aws.roles (such as deploy), a role ARN or a role name", Required = true };
        var before = new Option<string?>("--before") { Description = "Refuse sessions issued before this time (ISO 8601, UTC; default: now)" };
        var command = new Command("revoke-role-sessions", "Make AWS refuse every session of a role issued before a time (role-wide, through IAM PutRolePolicy)") { role, before };
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(role)!, parse.GetValue(before), ct));
        return command;
    }

    /// <summary>Returns the AWS-documented policy denying everything to sessions issued before <paramref name="before"/>.</summary>
    public static string PolicyDocument(DateTimeOffset before) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
        + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\""
        + before.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\"}}}]}";

    private static async Task<int> RunAsync(ParseResult parse, string roleText, string? beforeText, CancellationToken cancellationToken)
    {
        if (parse.GetValue(SentrelyCli.SandboxOption))
        {
            await Console.Error.WriteLineAsync("sentrely: revoke-role-sessions acts on a real AWS account; the sandbox's test double lives only inside `serve --sandbox`.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var config = CliConfiguration.Load(parse, new SentrelyTools().Catalog, required: true);
        if (config is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        if (ResolveRole(config.Aws, roleText, out var roleName, out var roleArn) is { } roleProblem)
        {
            await Console.Error.WriteLineAsync($"sentrely: {roleProblem}").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var now = TimeProvider.System.GetUtcNow();
        DateTimeOffset cutoff;
        if (beforeText is null)
        {
            // Rounded up to the next second: the policy's time has whole seconds, and no session issued before now may survive.
            cutoff = new DateTimeOffset((now.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
        else if (!DateTimeOffset.TryParse(beforeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out cutoff))
        {
            await Console.Error.WriteLineAsync("sentrely: --before takes an ISO 8601 time such as 2026-11-27T10:00:00Z").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var document = PolicyDocument(cutoff);
        var when = cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var audit = new OperatorAudit(config, sandbox: false);
        var auditFailed = !await TryAuditAsync(() => audit.AppendAsync(Tool, "intent", [roleArn], $"revoke sessions of {roleArn} issued before {when}", null, null, cancellationToken)).ConfigureAwait(false);

        string? requestId;
        try
        {
            var endpoints = new AwsEndpoints(config.Aws, Environment.GetEnvironmentVariable);
            using var iam = new AwsClientFactory(config.Aws, endpoints).CreateIam(BaseCredentialsResolver.Resolve(config.Aws));
            requestId = await iam.PutRolePolicyAsync(roleName, PolicyName, document, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IamApiException or BaseCredentialsException or InvalidOperationException)
        {
            var code = (ex as IamApiException)?.ErrorCode ?? "RevokeFailed";
            await TryAuditAsync(() => audit.AppendAsync(Tool, "outcome", [roleArn], ex.Message, "error", code, cancellationToken)).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"sentrely: the revocation was NOT applied: {ex.Message}").ConfigureAwait(false);
            if (code == "AccessDenied")
            {
                await Console.Error.WriteLineAsync("sentrely: the broker's base identity needs iam:PutRolePolicy on this role (or run the same command with an administrator's credentials).").ConfigureAwait(false);
            }

            return ExitCodes.Failure;
        }

        auditFailed |= !await TryAuditAsync(() => audit.AppendAsync(Tool, "outcome", [roleArn], $"put inline policy {PolicyName} on {roleArn}: sessions issued before {when} are denied (request {requestId})", "ok", null, cancellationToken)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"""
            Put the inline policy {PolicyName} on {roleArn} (IAM request {requestId ?? "unknown"}).
            AWS now refuses every request signed with credentials of this role issued before {when}:
            this is role-wide — every session of the role, started by Sentrely's agents or by anyone else.
            Sessions issued after {when} keep working, so running Sentrely servers recover by assuming the role again.
            IAM changes are eventually consistent: it may take a few minutes to apply everywhere.
            AWS has no API to revoke a single session (there is no `aws sts revoke-session`); this policy is AWS's documented way.
            To undo it later, delete the inline policy: aws iam delete-role-policy --role-name {roleName} --policy-name {PolicyName}
            """).ConfigureAwait(false);
        if (cutoff > now.AddMinutes(1))
        {
            await Console.Out.WriteLineAsync($"Note: {when} is in the future, so sessions issued until then are refused too.").ConfigureAwait(false);
        }

        if (auditFailed)
        {
            await Console.Error.WriteLineAsync("sentrely: the revocation was applied but could not be recorded in the audit log (see above).").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Resolves <c>--role</c>: a key of <c>aws.roles</c>, a role ARN of <c>aws.accountId</c>, or a bare role name.</summary>
    internal static string? ResolveRole(AwsConfig aws, string text, out string roleName, out string roleArn)
    {
        roleName = roleArn = string.Empty;
        var arn = aws.Roles.TryGetValue(text, out var configured) ? configured : text;
        if (arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (IamNames.RoleNameOf(arn) is not { } name)
            {
                return "--role is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME), a key of aws.roles, or a role name.";
            }

            if (aws.AccountId is { } account && !arn.Contains($":iam::{account}:", StringComparison.Ordinal))
            {
                return $"the role is not in aws.accountId {account}; the broker's base credentials can only change roles of that account.";
            }

            (roleName, roleArn) = (name, arn);
            return null;
        }

        if (!IamNames.IsRoleName(text))
        {
            return $"--role is neither a key of aws.roles ({string.Join(", ", aws.Roles.Keys)}), a role ARN, nor a role name.";
        }

        roleName = text;
        roleArn = aws.AccountId is { } id ? $"arn:{aws.Partition}:iam::{id}:role/{text}" : $"role/{text}";
        return null;
    }

    private static async Task<bool> TryAuditAsync(Func<Task> append)
    {
        try
        {
            await append().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The revocation matters more than its record: go on, and fail the command at the end.
            await Console.Error.WriteLineAsync($"sentrely: warning: the audit record could not be written: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }
}
