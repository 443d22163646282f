namespace Sentrely.Policy;

/// <summary>Warns when a rule's resource patterns can never match a tool it names (<see cref="PolicyWarningCodes.UnreachableResource"/>).</summary>
internal static class UnreachableResourceCheck
{
    public static IEnumerable<PolicyWarning> Check(PolicyRule rule, string field, IReadOnlyDictionary<string, IReadOnlyList<ResourceShape>> shapes)
    {
        if (rule.Resources is not { } patterns)
        {
            yield break;
        }

        var consequence = rule.Effect == PolicyEffect.Deny ? "this deny rule never stops its calls" : "this allow rule never allows its calls";
        foreach (var glob in rule.Tools)
        {
            var tools = PolicyLinter.ToolsOf(glob, shapes).ToList();
            var unreachable = tools.Where(t => !shapes[t].Any(s => patterns.Any(s.CanMatch))).ToList();
            if (unreachable.Count == 0)
            {
                continue;
            }

            if (!Glob.HasWildcard(glob))
            {
                // A tool named outright: every miss is a mistake.
                var tool = unreachable[0];
                yield return Warn(rule, field, $"resources [{string.Join(", ", patterns)}] can never match `{tool}`, whose resource is {Describe(shapes[tool])}: {consequence}; {Fix(shapes[tool])}");
            }
            else if (unreachable.Count == tools.Count)
            {
                // A glob: only a glob that reaches no tool at all is surely a mistake (`*` with ARN patterns is normal).
                yield return Warn(rule, field, $"resources [{string.Join(", ", patterns)}] can never match any tool `{glob}` names ({string.Join(", ", tools.Select(t => $"`{t}`"))}): {consequence}; fix the patterns or the tools");
            }
        }
    }

    private static string Describe(IReadOnlyList<ResourceShape> shapes) => string.Join(" or ", shapes.Select(s => s.ToString()));

    private static string Fix(IReadOnlyList<ResourceShape> shapes) => shapes.All(s => s is { IsFixed: true, Text: "*" })
        ? "the tool has no resource-level scope, so scope it with `principals` or `when`, or drop `resources`"
        : "write patterns in that shape (with the configured partition, region and account)";

    private static PolicyWarning Warn(PolicyRule rule, string field, string message) =>
        new(rule.Source, field, rule.Id, PolicyWarningCodes.UnreachableResource, message);
}
