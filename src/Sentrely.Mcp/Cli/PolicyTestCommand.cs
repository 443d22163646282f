using System.CommandLine;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// <c>sentrely policy test [FILES…]</c>: runs each case of YAML test files through the same machinery as
/// <c>policy explain</c>. Exit 0 when every case gets its expected verdict, 1 on any mismatch, 2 on a bad file.
/// </summary>
internal static class PolicyTestCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Test files (YAML lists of cases); default: policy-tests/*.yaml beside the configuration file",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("test", "Run policy test cases (call → expected allow, deny or approval); exit 1 on any mismatch") { files };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tools = new SentrelyTools();
            if (CliConfiguration.Load(parse, tools.Catalog, required: true) is not { } config)
            {
                return ExitCodes.UsageOrConfig;
            }

            var paths = parse.GetValue(files) is { Length: > 0 } given ? given : Default(config);
            if (paths.Length == 0)
            {
                await Console.Error.WriteLineAsync("sentrely: no test files: name them, or put them in policy-tests/*.yaml beside the configuration file").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            if (Read(paths) is not { } suites)
            {
                return ExitCodes.UsageOrConfig;
            }

            var explainer = PolicyMachinery.Explainer(tools);
            var active = ActiveConfiguration.From(config);
            var roots = PolicyMachinery.Roots(config);
            int passed = 0, failed = 0;
            foreach (var (path, cases) in suites)
            {
                await Console.Out.WriteLineAsync(path).ConfigureAwait(false);
                foreach (var testCase in cases)
                {
                    var session = PolicyMachinery.Session(config, testCase.Developer, testCase.Project);
                    var explanation = await explainer.ExplainAsync(active, session, testCase.Tool, testCase.Arguments, roots, cancellationToken).ConfigureAwait(false);
                    var result = new PolicyTestResult(testCase, explanation);
                    await Console.Out.WriteLineAsync(Line(result)).ConfigureAwait(false);
                    if (result.Passed)
                    {
                        passed++;
                    }
                    else
                    {
                        failed++;
                    }
                }
            }

            // Worded so CI never mistakes it for a test runner's "N passed, N failed" closing line.
            await Console.Out.WriteLineAsync($"policy test: {passed + failed} cases, {passed} as expected, {failed} mismatched").ConfigureAwait(false);
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static string Line(PolicyTestResult result)
    {
        if (!result.Passed)
        {
            return $"  ✖ {result.Case.Name}\n      {result.Diff}\n      at {result.Case.Source}";
        }

        var by = result.Explanation.RuleIds.Count == 0 ? "" : " by " + string.Join(", ", result.Explanation.RuleIds.Select(id => $"`{id}`"));
        var code = result.Explanation is { Verdict: ExplainVerdicts.Deny, Code: { } c } ? $", {c}" : "";
        return $"  ✔ {result.Case.Name} ({result.Explanation.Verdict}{by}{code})";
    }

    private static string[] Default(SentrelyConfig config)
    {
        var folder = config.SourcePath is { } path ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "policy-tests") : null;
        return folder is not null && Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    // Every file is read (and every error reported) before any case runs.
    private static List<(string Path, IReadOnlyList<PolicyTestCase> Cases)>? Read(string[] paths)
    {
        var suites = new List<(string, IReadOnlyList<PolicyTestCase>)>();
        var errors = new List<ConfigError>();
        foreach (var path in paths)
        {
            try
            {
                if (new FileInfo(path).Length > SentrelyConfigLoader.MaxFileBytes)
                {
                    errors.Add(new ConfigError(path, 0, 0, "", ConfigErrorCodes.FileNotFound, "the file is larger than 1 MiB"));
                    continue;
                }

                suites.Add((path, PolicyTestFileReader.Parse(File.ReadAllText(path), path)));
            }
            catch (ConfigException ex)
            {
                errors.AddRange(ex.Errors);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new ConfigError(path, 0, 0, "", ConfigErrorCodes.FileNotFound, $"cannot read the test file: {ex.Message}"));
            }
        }

        foreach (var error in errors)
        {
            Console.Error.WriteLine(error.ToString());
        }

        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"sentrely: the test files have {errors.Count} error(s); no case was run.");
        }

        return errors.Count == 0 ? suites : null;
    }
}
