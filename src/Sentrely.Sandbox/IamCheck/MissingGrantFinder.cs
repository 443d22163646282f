using GlobSets = Sentrely.Policy.GlobSets;
using Sentrely.Iam;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.IamCheck;

/// <summary>Finds the plan's action × resource pairs the policy does not surely allow.</summary>
internal static class MissingGrantFinder
{
    public static IReadOnlyList<MissingGrant> Find(IReadOnlyList<LabelledStatement> statements, RolePlan role)
    {
        var missing = new List<MissingGrant>();
        var planned = PlannedDenies(role);
        foreach (var grant in role.Grants.Where(g => string.Equals(g.Statement.Effect, "Allow", StringComparison.Ordinal)))
        {
            var resources = grant.Statement.Resources.Count == 0 ? ["*"] : grant.Statement.Resources;
            var contexts = GrantContexts.For(grant.Statement.Conditions);
            foreach (var action in grant.Statement.Actions)
            {
                foreach (var resource in resources)
                {
                    var verdict = contexts.Select(c => Judge(statements, action, resource, c, planned)).FirstOrDefault(v => v is not null);
                    if (verdict is { } found)
                    {
                        missing.Add(new MissingGrant(grant.Tool, grant.RuleId, action, resource, found.Kind, found.Reason));
                    }
                }
            }
        }

        return missing;
    }

    // The plan's own Deny statements (carried from deny rules), by action: a policy that has them denies part of a
    // grant on purpose, as Sentrely does, and the grant is not missing for it.
    private static Dictionary<string, List<string>> PlannedDenies(RolePlan role)
    {
        var denies = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in role.Grants.Select(g => g.Statement).Where(s => string.Equals(s.Effect, "Deny", StringComparison.Ordinal) && s.Conditions.Count == 0))
        {
            foreach (var action in statement.Actions)
            {
                (denies.TryGetValue(action, out var list) ? list : denies[action] = []).AddRange(statement.Resources);
            }
        }

        return denies;
    }

    private static bool IsPlannedPartialDeny(PolicyStatement deny, string action, string resource, Dictionary<string, List<string>> planned) =>
        !deny.NotResource && deny.Conditions.Count == 0
        && planned.TryGetValue(action, out var resources)
        && !deny.Resources.Any(r => GlobSets.Covers(r, resource, ignoreCase: false))
        && deny.Resources.All(r => resources.Any(p => GlobSets.Covers(p, r, ignoreCase: false)));

    /// <summary>Returns null when allowed, else why not.</summary>
    private static (MissingKind Kind, string Reason)? Judge(
        IReadOnlyList<LabelledStatement> statements, string action, string resource, IReadOnlyDictionary<string, string> context, Dictionary<string, List<string>> planned)
    {
        var when = context.Count == 0 ? string.Empty : " with " + string.Join(", ", context.Select(kv => $"{kv.Key}={kv.Value}"));
        string? unknownAllow = null;
        var allowed = false;
        foreach (var (label, statement) in statements)
        {
            var (applies, unknown) = StatementMatch.Evaluate(statement, action, resource, context);
            if (!statement.Allow && applies == true && !IsPlannedPartialDeny(statement, action, resource, planned))
            {
                return (MissingKind.ExplicitlyDenied, $"statement {label} denies {action} on {resource}{when}");
            }

            if (!statement.Allow && applies is null)
            {
                return (MissingKind.NotConfirmed, $"Deny statement {label} may apply: its condition {unknown} cannot be evaluated");
            }

            allowed |= statement.Allow && applies == true;
            if (statement.Allow && applies is null)
            {
                unknownAllow ??= $"Allow statement {label} depends on condition {unknown}, which cannot be evaluated";
            }
        }

        if (allowed)
        {
            return null;
        }

        return unknownAllow is not null
            ? (MissingKind.NotConfirmed, unknownAllow)
            : (MissingKind.NotAllowed, $"no statement allows {action} on {resource}{when}");
    }
}
