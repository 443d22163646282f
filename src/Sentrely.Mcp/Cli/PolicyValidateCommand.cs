using System.CommandLine;
using Sentrely.Mcp.Hosting;
using Sentrely.Policy;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// <c>sentrely policy validate [--strict]</c>: loads the configuration as <c>serve</c> does (errors: exit 2),
/// then prints semantic warnings (exit 0, or 2 with <c>--strict</c>) and notes (never failing).
/// </summary>
internal static class PolicyValidateCommand
{
    public static Command Create()
    {
        var strict = new Option<bool>("--strict") { Description = "Treat warnings (not notes) as errors (exit code 2)" };
        var command = new Command("validate", "Check sentrely.yaml: errors (exit 2), warnings about rules that cannot do what they seem to say, and notes on what rules do not cover") { strict };
        command.SetAction(parse =>
        {
            var tools = new SentrelyTools();
            if (CliConfiguration.Load(parse, tools.Catalog, required: true) is not { } config)
            {
                return ExitCodes.UsageOrConfig;
            }

            var warnings = PolicyLinter.Check(config.Policy.Rules, tools.Registry.Tools.Select(t => t.Manifest).ToArray(), config.Aws);
            foreach (var warning in warnings)
            {
                Console.Out.WriteLine(warning.ToString());
            }

            var failing = warnings.Count(w => !w.IsNote);
            var summary = $"{config.Policy.Rules.Count} rules, {failing} warnings, {warnings.Count - failing} notes";
            if (failing > 0 && parse.GetValue(strict))
            {
                Console.Out.WriteLine($"failed (--strict): {summary}");
                return ExitCodes.UsageOrConfig;
            }

            Console.Out.WriteLine($"ok: {summary}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
