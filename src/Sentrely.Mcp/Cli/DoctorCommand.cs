using System.CommandLine;
using Amazon.Runtime;
using Sentrely.Aws;
using Sentrely.Aws.Credentials;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Mcp.Hosting;
using Sentrely.Mcp.Sandbox;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely doctor</c>: checks the installation, one line each, with a fix for every failure.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check configuration, store, base credentials and roles; exit 0 only when every check passes");
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var tools = new SentrelyTools();
        var sandbox = parse.GetValue(SentrelyCli.SandboxOption);
        var config = sandbox && parse.GetValue(SentrelyCli.ConfigOption) is null
            ? SandboxServer.BuiltInConfig(tools)
            : CliConfiguration.Load(parse, tools.Catalog, required: true);
        if (config is null)
        {
            Console.WriteLine("✖ configuration: see the errors above. Fix: correct the named fields (`sentrely policy validate` shows them).");
            return ExitCodes.UsageOrConfig;
        }

        var report = new DoctorReport();
        report.Pass($"configuration {config.SourcePath ?? "(built-in sandbox policy)"} parses and validates ({config.Policy.Rules.Count} rules)");
        if (config.SourcePath is { } path && ConfigLocator.IsUnder(path, Environment.CurrentDirectory))
        {
            report.Fail($"the configuration lies under the working directory {Environment.CurrentDirectory}", "move it to ~/.config/sentrely/sentrely.yaml; the agent can edit files under its working directory");
        }
        else
        {
            report.Pass("the configuration is outside the working directory");
        }

        AwsSideDoorCheck.Run(report, HomePaths.Home(Environment.GetEnvironmentVariable), Environment.CurrentDirectory, Environment.GetEnvironmentVariable);
        ProjectLaunchCheck.Run(report, Environment.CurrentDirectory);
        await CheckStoreAsync(report, StorePaths.For(config, sandbox), cancellationToken).ConfigureAwait(false);
        if (sandbox)
        {
            await using var server = await SandboxServer.StartAsync(config, tools).ConfigureAwait(false);
            await CheckAwsAsync(report, server.Setup.Config, tools, server.Setup.BaseCredentials!, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CheckAwsAsync(report, config, tools, () => BaseCredentialsResolver.Resolve(config.Aws), cancellationToken).ConfigureAwait(false);
        }

        report.Skip("S3 and Lambda permissions of the roles: AWS offers no dry run for them, and reading role policies needs IAM read access (iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:SimulatePrincipalPolicy) that Sentrely's broker does not have");
        report.Skip("describe-instances: DescribeInstances has no resource-level scope and is not dry-run here; the read role needs ec2:DescribeInstances on *");
        return report.Failures == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task CheckStoreAsync(DoctorReport report, string storePath, CancellationToken cancellationToken)
    {
        // Opening the store and reading its head proves it is readable and migrated; writability is checked on a
        // scratch file beside it, so the doctor never adds records to the audit log.
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(storePath)!);
            await using (var store = new SqliteAuditStore(storePath, TimeProvider.System))
            {
                await store.GetHeadAsync(cancellationToken).ConfigureAwait(false);
            }

            var probe = storePath + ".doctor-" + Environment.ProcessId;
            await File.WriteAllTextAsync(probe, "probe", cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            if (new FileInfo(storePath).IsReadOnly)
            {
                throw new UnauthorizedAccessException("the store file is read-only");
            }

            report.Pass($"audit store {storePath} opens and its folder is writable");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            report.Fail($"audit store {storePath}: {ex.Message}", "set store.sqlite to a file in a folder the user can write (every call is refused without a store)");
        }
    }

    private static async Task CheckAwsAsync(DoctorReport report, SentrelyConfig config, SentrelyTools tools, Func<AWSCredentials> baseCredentials, CancellationToken cancellationToken)
    {
        RoleProbe probe;
        try
        {
            probe = new RoleProbe(new AwsClientFactory(config.Aws, new AwsEndpoints(config.Aws, Environment.GetEnvironmentVariable)), baseCredentials());
        }
        catch (Exception ex) when (ex is BaseCredentialsException or InvalidOperationException)
        {
            report.Fail($"base credentials: {ex.Message}", "give the broker credentials (aws.profile or the AWS SDK default chain)");
            return;
        }

        using (probe)
        {
            try
            {
                var account = await probe.CallerAccountAsync(cancellationToken).ConfigureAwait(false);
                if (account == config.Aws.AccountId)
                {
                    report.Pass($"base credentials resolve (GetCallerIdentity) to account {account}, as aws.accountId says");
                }
                else
                {
                    report.Fail($"base credentials belong to account {account}, but aws.accountId is {config.Aws.AccountId ?? "(unset)"}", "set aws.accountId to the broker's account, or use that account's credentials (aws.profile)");
                }
            }
            catch (AmazonServiceException ex)
            {
                report.Fail($"base credentials do not work: GetCallerIdentity failed: {ex.ErrorCode}: {ex.Message}", "refresh or replace the broker's credentials (for SSO: aws sso login)");
                return;
            }

            var developer = StsNames.SourceIdentity(config.Identity.Developer ?? Environment.UserName);
            var project = StsNames.TagValue(config.Identity.Project ?? "doctor");
            foreach (var (key, roleArn) in config.Aws.Roles)
            {
                var error = await probe.TryAssumeAsync(roleArn, developer, project, cancellationToken).ConfigureAwait(false);
                if (error is null)
                {
                    report.Pass($"role aws.roles.{key} ({roleArn}) can be assumed with session tags and SourceIdentity");
                }
                else
                {
                    report.Fail($"role aws.roles.{key} ({roleArn}) cannot be assumed: {error}",
                        "its trust policy must allow the broker sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity (see README, AWS setup)");
                }
            }

            await CheckEc2PermissionsAsync(report, config, tools, probe, developer, project, cancellationToken).ConfigureAwait(false);
        }
    }

    // EC2 is the one service with a dry run: for each EC2 action an enabled tool uses, ask whether its role allows it.
    private static async Task CheckEc2PermissionsAsync(DoctorReport report, SentrelyConfig config, SentrelyTools tools, RoleProbe probe, string developer, string project, CancellationToken cancellationToken)
    {
        var checks = tools.Registry.Tools
            .Where(t => t.Manifest.Role is { } role && config.Aws.Roles.ContainsKey(role))
            .SelectMany(t => t.Manifest.Iam.SelectMany(s => s.Actions).Where(RoleProbe.DryRunActions.Contains).Select(a => (Role: t.Manifest.Role!, Action: a, Tool: t.Manifest.Name)))
            .Distinct();
        foreach (var (role, action, tool) in checks)
        {
            var roleArn = config.Aws.Roles[role];
            var (allowed, detail) = await probe.DryRunAsync(roleArn, action, developer, project, cancellationToken).ConfigureAwait(false);
            switch (allowed)
            {
                case true:
                    report.Pass($"role aws.roles.{role} allows {action} ({tool}): EC2 dry run said {detail}");
                    break;
                case false:
                    report.Fail($"role aws.roles.{role} does not allow {action} ({tool}): EC2 dry run said {detail}", $"grant {action} in the role's identity policy, or disallow {tool} in the Sentrely policy");
                    break;
                default:
                    report.Skip($"{action} for aws.roles.{role} ({tool}): {detail}");
                    break;
            }
        }
    }
}
