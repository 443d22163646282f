namespace Sentrely.Policy;

/// <summary>
/// Warns about an allow rule every call of which some unconditional deny rule also matches
/// (<see cref="PolicyWarningCodes.ShadowedAllow"/>): it can never allow anything.
/// </summary>
internal static class ShadowedAllowCheck
{
    public static PolicyWarning? Check(PolicyRule allow, string field, IReadOnlyList<PolicyRule> rules, IReadOnlyDictionary<string, IReadOnlyList<ResourceShape>> shapes)
    {
        if (allow.Effect != PolicyEffect.Allow)
        {
            return null;
        }

        // Only denies that apply to everyone whatever the arguments can be relied on to match.
        var denies = rules.Where(r => r.Effect == PolicyEffect.Deny && r.Developers is null && r.Projects is null && r.When.Count == 0 && r.NotResources is null).ToList();
        var tools = allow.Tools.SelectMany(g => PolicyLinter.ToolsOf(g, shapes)).Distinct(StringComparer.Ordinal).ToList();
        var reachable = 0;
        var by = new List<PolicyRule>();
        foreach (var tool in tools)
        {
            foreach (var shape in shapes[tool])
            {
                var patterns = allow.Resources is { } r ? r.Where(p => shape.CanMatch(p)).Cast<string?>().ToList() : [null];
                foreach (var pattern in patterns)
                {
                    reachable++;
                    if (denies.FirstOrDefault(d => d.Tools.Any(g => Glob.IsMatch(g, tool)) && (d.Resources is null || d.Resources.Any(c => shape.Covered(c, pattern)))) is not { } deny)
                    {
                        return null;
                    }

                    if (!by.Contains(deny))
                    {
                        by.Add(deny);
                    }
                }
            }
        }

        if (reachable == 0)
        {
            return null;
        }

        var names = string.Join(", ", by.Select(d => $"`{d.Id}` ({d.Source})"));
        var wholesale = by.All(d => d.Resources is null);
        var what = wholesale
            ? $"deny rule {names} denies every call of its tools [{string.Join(", ", tools)}]"
            : $"deny rule {names} matches every call it would allow";
        return new PolicyWarning(allow.Source, field, allow.Id, PolicyWarningCodes.ShadowedAllow,
            $"this allow rule can never allow anything: {what}, and an explicit deny wins; remove one of the rules or narrow the deny");
    }
}
