namespace Sentrely.Policy;

/// <summary>
/// Reports tools a rule names but whose resource its patterns can never meet: a warning (<see cref="PolicyWarningCodes.UnreachableResource"/>)
/// for a tool named outright, a note (<see cref="PolicyWarningCodes.PartlyUnreachable"/>) for tools a glob selects. A rule that reaches
/// none of its tools does not load (SEN1040).
/// </summary>
internal static class UnreachableResourceCheck
{
    public static IEnumerable<PolicyWarning> Check(PolicyRule rule, string field, IReadOnlyDictionary<string, IReadOnlyList<ResourceShape>> shapes)
    {
        if (rule.Resources is null && rule.NotResources is null)
        {
            yield break;
        }

        var patterns = string.Join(", ", rule.Resources ?? []);
        var consequence = rule.Effect == PolicyEffect.Deny ? "this deny rule never stops its calls" : "this allow rule never allows its calls";
        foreach (var glob in rule.Tools)
        {
            var tools = PolicyLinter.ToolsOf(glob, shapes).ToList();
            var unreachable = tools.Where(t => !RuleReach.CanReach(rule, shapes[t])).ToList();
            if (unreachable.Count == 0)
            {
                continue;
            }

            if (!Glob.HasWildcard(glob))
            {
                // A tool named outright: every miss is a mistake.
                var tool = unreachable[0];
                yield return Warn(rule, field, PolicyWarningCodes.UnreachableResource, $"resources [{patterns}] can never match `{tool}`, whose resource is {Describe(shapes[tool])}: {consequence}; {Fix(shapes[tool])}");
            }
            else if (unreachable.Count == tools.Count)
            {
                yield return Warn(rule, field, PolicyWarningCodes.UnreachableResource, $"resources [{patterns}] can never match any tool `{glob}` names ({string.Join(", ", tools.Select(t => $"`{t}`"))}): {consequence}; fix the patterns or the tools");
            }
            else
            {
                // A glob reaching some tools is normal (`*` with ARN patterns), but say which calls the rule does not see.
                yield return Warn(rule, field, PolicyWarningCodes.PartlyUnreachable,
                    $"`{glob}` also names {string.Join(", ", unreachable.Select(t => $"`{t}`"))}, whose resources [{patterns}] can never match ({string.Join("; ", unreachable.Select(t => Describe(shapes[t])).Distinct(StringComparer.Ordinal))}): the rule does not apply to those calls; {Fix(shapes[unreachable[0]])}") with { IsNote = true };
            }
        }
    }

    private static string Describe(IReadOnlyList<ResourceShape> shapes) => string.Join(" or ", shapes.Select(s => s.ToString()));

    private static string Fix(IReadOnlyList<ResourceShape> shapes) => shapes.All(s => s is { IsFixed: true, Text: "*" })
        ? "the tool has no resource-level scope, so scope it with `principals` or `when`, or drop `resources`"
        : "write patterns in that shape (with the configured partition, region and account)";

    private static PolicyWarning Warn(PolicyRule rule, string field, string code, string message) => new(rule.Source, field, rule.Id, code, message);
}
