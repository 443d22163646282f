using System.CommandLine;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// <c>sentrely policy explain --tool T --arg k=v …</c>: what the server would do with one call and why, down to
/// the session policy it would send to STS; never calls AWS and writes no audit record. Exit 0 whatever the
/// verdict (read it from the output, or <c>--json</c>); 2 for usage and configuration errors.
/// </summary>
internal static class PolicyExplainCommand
{
    public static Command Create()
    {
        var tool = new Option<string>("--tool") { Description = "The tool to call", Required = true };
        var args = new Option<string[]>("--arg")
        {
            Description = "An argument as key=value; the value is used as JSON when it is valid JSON (2, true, [\"i-0abc\"]), else as a string. Repeat for each argument",
            DefaultValueFactory = _ => [],
        };
        var developer = new Option<string?>("--developer") { Description = "The calling developer (default: identity.developer, else the OS user)" };
        var project = new Option<string?>("--project") { Description = "The calling project (default: identity.project, else the working directory's name)" };
        var command = new Command("explain", "Explain the decision on one call: every rule, the obligations and the exact session policy for STS (no AWS call)")
        {
            tool, args, developer, project, SentrelyCli.JsonOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (PolicyArguments.Parse(parse.GetValue(args) ?? [], out var problem) is not { } arguments)
            {
                await Console.Error.WriteLineAsync($"sentrely: {problem}").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            var tools = new SentrelyTools();
            if (CliConfiguration.Load(parse, tools.Catalog, required: true) is not { } config)
            {
                return ExitCodes.UsageOrConfig;
            }

            var name = parse.GetValue(tool)!;
            if (tools.Registry.Find(name) is null)
            {
                var known = string.Join(", ", tools.Registry.Tools.Select(t => t.Manifest.Name));
                await Console.Error.WriteLineAsync($"sentrely: unknown tool `{name}`; the curated tools are {known}").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            var explanation = await PolicyMachinery.Explainer(tools).ExplainAsync(
                ActiveConfiguration.From(config),
                PolicyMachinery.Session(config, parse.GetValue(developer), parse.GetValue(project)),
                name,
                arguments,
                PolicyMachinery.Roots(config),
                cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteAsync(parse.GetValue(SentrelyCli.JsonOption)
                ? PolicyExplainJson.Write(explanation, config) + Environment.NewLine
                : PolicyExplainText.Write(explanation, config)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
