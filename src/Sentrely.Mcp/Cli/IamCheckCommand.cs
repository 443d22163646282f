using System.CommandLine;
using Sentrely.Iam;
using Sentrely.Mcp.Hosting;
using Sentrely.Mcp.Sandbox;
using Sentrely.Sandbox.IamCheck;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// <c>sentrely iam check --policy FILE --role KEY</c>: reads a role's identity policy as exported from IAM and reports
/// the grants Sentrely's tools need that it lacks (those tools will fail) and what it allows beyond them, judged by
/// Sentrely's own IAM evaluator. Exit 0 when exact, 1 when anything is missing or in excess.
/// </summary>
internal static class IamCheckCommand
{
    // Role policies are at most 10,240 (inline) or 6,144 (managed) characters; a file much bigger is not one.
    private const long MaxPolicyBytes = 1024 * 1024;

    public static Command Create()
    {
        var policy = new Option<string[]>("--policy") { Description = "A policy document JSON file attached to the role (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = false };
        var role = new Option<string>("--role") { Description = "The aws.roles key the policy belongs to (read, deploy)", Required = true };
        var json = SentrelyCli.JsonOption;
        var command = new Command("check", "Check a role's identity policy against what Sentrely's tools need: missing grants and excess privilege") { policy, role, json };
        command.SetAction((parse, ct) => CheckAsync(parse, parse.GetValue(policy)!, parse.GetValue(role)!, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> CheckAsync(ParseResult parse, string[] files, string roleKey, bool json, CancellationToken cancellationToken)
    {
        var tools = new SentrelyTools();
        var config = parse.GetValue(SentrelyCli.SandboxOption) && parse.GetValue(SentrelyCli.ConfigOption) is null
            ? SandboxServer.BuiltInConfig(tools)
            : CliConfiguration.Load(parse, tools.Catalog, required: true);
        if (config is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        if (!config.Aws.Roles.ContainsKey(roleKey))
        {
            await Console.Error.WriteLineAsync($"sentrely: `{Bounded(roleKey)}` is not a key of aws.roles ({string.Join(", ", config.Aws.Roles.Keys)})").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var documents = new List<string>();
        foreach (var file in files)
        {
            try
            {
                if (new FileInfo(file).Length > MaxPolicyBytes)
                {
                    await Console.Error.WriteLineAsync($"sentrely: {file} is larger than {MaxPolicyBytes} bytes: not an IAM policy document").ConfigureAwait(false);
                    return ExitCodes.UsageOrConfig;
                }

                documents.Add(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"sentrely: cannot read {file}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }
        }

        RolePlan role;
        try
        {
            // The grants do not depend on who may assume the role; the broker here is a placeholder.
            role = IamPlanner.Plan(config, EmbeddedManifests.Load(), $"arn:{config.Aws.Partition}:iam::{config.Aws.AccountId ?? "000000000000"}:root").Plan.Roles.Single(r => r.Key == roleKey);
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"sentrely: cannot plan: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var report = RolePolicyCheck.Check(documents, role);
        foreach (var line in IamCheckText.Lines(report, role, json))
        {
            await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
        }

        return report.Problems.Count > 0 ? ExitCodes.UsageOrConfig : report.IsExact ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static string Bounded(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
