using GlobSets = Sentrely.Policy.GlobSets;
using Sentrely.Iam;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.IamCheck;

/// <summary>
/// Finds what the policy's Allow statements grant beyond the plan. Statement conditions never excuse an excess here
/// (except where they enforce the plan's own condition), and Deny statements are not credited: both err towards reporting.
/// </summary>
internal static class ExcessGrantFinder
{
    public static IReadOnlyList<ExcessGrant> Find(IReadOnlyList<LabelledStatement> statements, RolePlan role)
    {
        var needed = new Dictionary<string, List<IamGrant>>(StringComparer.OrdinalIgnoreCase);
        foreach (var grant in role.Grants.Where(g => string.Equals(g.Statement.Effect, "Allow", StringComparison.Ordinal)))
        {
            foreach (var action in grant.Statement.Actions)
            {
                if (!needed.TryGetValue(action, out var list))
                {
                    needed[action] = list = [];
                }

                list.Add(grant);
            }
        }

        var excess = new List<ExcessGrant>();
        foreach (var (label, statement) in statements.Where(s => s.Statement.Allow))
        {
            var resources = string.Join(", ", statement.Resources);
            if (statement.NotResource)
            {
                excess.Add(new ExcessGrant(label, ExcessKind.NotResource, string.Join(", ", statement.Actions), resources,
                    null, $"NotResource allows every resource except {resources}"));
            }

            if (statement.NotAction)
            {
                excess.Add(new ExcessGrant(label, ExcessKind.NotAction, string.Join(", ", statement.Actions), resources,
                    null, $"NotAction allows every action except {string.Join(", ", statement.Actions)}"));
                continue;
            }

            foreach (var action in statement.Actions)
            {
                if (needed.TryGetValue(action, out var grants))
                {
                    CheckNeededAction(label, statement, action, grants, excess);
                }
                else if (action.AsSpan().IndexOfAny('*', '?') >= 0)
                {
                    var within = needed.Keys.Where(n => Glob.IsMatch(action, n, ignoreCase: true)).Order(StringComparer.Ordinal).ToList();
                    excess.Add(new ExcessGrant(label, ExcessKind.WildcardAction, action, resources, null,
                        $"{action} matches actions beyond the role's needs" + (within.Count == 0 ? string.Empty : $" (it needs only {string.Join(", ", within)} of them)")));
                }
                else
                {
                    excess.Add(new ExcessGrant(label, ExcessKind.UnneededAction, action, resources, null, $"no tool of role {role.Key} needs {action}"));
                }
            }
        }

        return excess;
    }

    private static void CheckNeededAction(string label, PolicyStatement statement, string action, List<IamGrant> grants, List<ExcessGrant> excess)
    {
        // With NotResource the resource excess is already reported; the plan's conditions still matter.
        var resources = statement.NotResource ? ["*"] : statement.Resources;
        foreach (var resource in resources)
        {
            var covering = statement.NotResource
                ? grants
                : grants.Where(g => ResourcesOf(g).Any(gr => GlobSets.Covers(gr, resource, ignoreCase: false))).ToList();
            if (covering.Count == 0)
            {
                var planned = string.Join(", ", grants.SelectMany(ResourcesOf).Distinct(StringComparer.Ordinal));
                excess.Add(new ExcessGrant(label, ExcessKind.WiderResource, action, resource, null,
                    $"{action} on {resource} reaches beyond the planned {planned}"));
                continue;
            }

            if (covering.Any(g => g.Statement.Conditions.All(c => ConditionCover.Enforces(statement.Conditions, c))))
            {
                continue;
            }

            // Report the first covering grant's conditions the statement does not enforce.
            foreach (var condition in covering[0].Statement.Conditions.Where(c => !ConditionCover.Enforces(statement.Conditions, c)))
            {
                var text = $"{condition.Operator} {condition.Key} {string.Join("|", condition.Values)}";
                var unevaluable = statement.Conditions.FirstOrDefault(
                    s => !s.IsKnown && string.Equals(s.Key, condition.Key, StringComparison.OrdinalIgnoreCase));
                excess.Add(unevaluable is null
                    ? new ExcessGrant(label, ExcessKind.MissingCondition, action, resource, text, $"{action} on {resource} lacks the planned condition {text}")
                    : new ExcessGrant(label, ExcessKind.UnevaluableCondition, action, resource, $"{unevaluable.Operator} {unevaluable.Key}",
                        $"condition {unevaluable.Operator} on {unevaluable.Key} cannot be evaluated; treated as absent, so {action} on {resource} may be allowed without {text}"));
            }
        }
    }

    private static IReadOnlyList<string> ResourcesOf(IamGrant grant) =>
        grant.Statement.Resources.Count == 0 ? ["*"] : grant.Statement.Resources;
}
