using System.CommandLine;
using Amazon.Runtime;
using Sentrely.Aws;
using Sentrely.Aws.Credentials;
using Sentrely.Configuration;
using Sentrely.Iam;
using Sentrely.Mcp.Hosting;
using Sentrely.Mcp.Sandbox;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// <c>sentrely iam plan|check</c>: the AWS side of a deployment, generated from the manifests and the policy (roles,
/// trust, boundary, alert) and an existing role policy checked against it.
/// </summary>
internal static class IamCommand
{
    private static readonly string[] Formats = ["text", "json", "cloudformation", "terraform"];

    public static Command Create() => new("iam", "Generate the IAM roles Sentrely assumes (plan) or check an existing role policy (check)")
    {
        PlanCommand(),
        IamCheckCommand.Create(),
    };

    private static Command PlanCommand()
    {
        var format = new Option<string>("--format") { Description = "text (default), json, cloudformation or terraform (Terraform JSON, save as *.tf.json)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var broker = new Option<string?>("--broker") { Description = "The ARN of the role or user that runs Sentrely (default: the base credentials' caller identity)" };
        var boundary = new Option<string?>("--boundary") { Description = "Attach a permissions boundary: `generate` for one derived from the plan, or an existing policy's ARN" };
        var output = new Option<string?>("--output") { Description = "Write to this file instead of standard output" };
        var command = new Command("plan", "Derive each role's identity and trust policy, an optional boundary, and an EventBridge alert, from the manifests and the policy's allow rules")
        {
            format, broker, boundary, output,
        };
        command.SetAction((parse, ct) => PlanAsync(parse, parse.GetValue(format)!, parse.GetValue(broker), parse.GetValue(boundary), parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> PlanAsync(ParseResult parse, string format, string? broker, string? boundary, string? output, CancellationToken cancellationToken)
    {
        var tools = new SentrelyTools();
        var sandbox = parse.GetValue(SentrelyCli.SandboxOption);
        var config = sandbox && parse.GetValue(SentrelyCli.ConfigOption) is null
            ? SandboxServer.BuiltInConfig(tools)
            : CliConfiguration.Load(parse, tools.Catalog, required: true);
        if (config is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        if (boundary is not null and not "generate" && BrokerPrincipal.ValidatePolicyArn(boundary) is null)
        {
            await Console.Error.WriteLineAsync($"sentrely: --boundary must be `generate` or a managed policy ARN (arn:aws:iam::123456789012:policy/NAME), not `{Bounded(boundary)}`").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var principal = broker is null ? await CallerAsync(config, tools, sandbox, cancellationToken).ConfigureAwait(false) : BrokerPrincipal.Validate(broker);
        if (principal is null)
        {
            if (broker is not null)
            {
                await Console.Error.WriteLineAsync($"sentrely: --broker must be an IAM role, user or root ARN (arn:aws:iam::123456789012:role/NAME), not `{Bounded(broker)}`").ConfigureAwait(false);
            }

            return broker is null ? ExitCodes.Failure : ExitCodes.UsageOrConfig;
        }

        IamPlan plan;
        IReadOnlyList<string> problems;
        try
        {
            (plan, problems) = IamPlanner.Plan(config, EmbeddedManifests.Load(), principal, boundary);
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"sentrely: cannot plan: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"sentrely: warning: {problem}").ConfigureAwait(false);
        }

        var text = format switch
        {
            "json" => IamPlanJson.ToJson(plan),
            "cloudformation" => CloudFormationTemplate.ToJson(plan),
            "terraform" => TerraformJson.ToJson(plan),
            _ => string.Join('\n', IamPlanText.Lines(plan)),
        };
        if (output is null)
        {
            await Console.Out.WriteLineAsync(text).ConfigureAwait(false);
        }
        else
        {
            await File.WriteAllTextAsync(output, text + "\n", cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"wrote {output}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    // The base credentials' caller identity, as the principal the trust policies name.
    private static async Task<string?> CallerAsync(SentrelyConfig config, SentrelyTools tools, bool sandbox, CancellationToken cancellationToken)
    {
        SandboxServer? server = null;
        try
        {
            Func<AWSCredentials> credentials = () => BaseCredentialsResolver.Resolve(config.Aws);
            if (sandbox)
            {
                server = await SandboxServer.StartAsync(config, tools).ConfigureAwait(false);
                (config, credentials) = (server.Setup.Config, server.Setup.BaseCredentials!);
            }

            using var probe = new RoleProbe(new AwsClientFactory(config.Aws, new AwsEndpoints(config.Aws, Environment.GetEnvironmentVariable)), credentials());
            var (principal, note) = BrokerPrincipal.FromCaller(await probe.CallerArnAsync(cancellationToken).ConfigureAwait(false));
            if (note is not null)
            {
                await Console.Error.WriteLineAsync($"sentrely: {(principal is null ? "" : "note: ")}{note}").ConfigureAwait(false);
            }

            return principal;
        }
        catch (Exception ex) when (ex is AmazonServiceException or BaseCredentialsException or InvalidOperationException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"sentrely: the broker principal is unknown: GetCallerIdentity failed ({ex.Message}). Pass --broker ARN, or give Sentrely its base credentials (aws.profile or the SDK default chain).").ConfigureAwait(false);
            return null;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string Bounded(string value) => value.Length <= 120 ? value : value[..120] + "…";
}
