using Sentrely.Iam;

namespace Sentrely.Sandbox.IamCheck;

/// <summary>Finds the plan's action × resource pairs the policy does not surely allow.</summary>
internal static class MissingGrantFinder
{
    public static IReadOnlyList<MissingGrant> Find(IReadOnlyList<LabelledStatement> statements, RolePlan role)
    {
        var missing = new List<MissingGrant>();
        foreach (var grant in role.Grants.Where(g => string.Equals(g.Statement.Effect, "Allow", StringComparison.Ordinal)))
        {
            var resources = grant.Statement.Resources.Count == 0 ? ["*"] : grant.Statement.Resources;
            var contexts = GrantContexts.For(grant.Statement.Conditions);
            foreach (var action in grant.Statement.Actions)
            {
                foreach (var resource in resources)
                {
                    var verdict = contexts.Select(c => Judge(statements, action, resource, c)).FirstOrDefault(v => v is not null);
                    if (verdict is { } found)
                    {
                        missing.Add(new MissingGrant(grant.Tool, grant.RuleId, action, resource, found.Kind, found.Reason));
                    }
                }
            }
        }

        return missing;
    }

    /// <summary>Returns null when allowed, else why not.</summary>
    private static (MissingKind Kind, string Reason)? Judge(
        IReadOnlyList<LabelledStatement> statements, string action, string resource, IReadOnlyDictionary<string, string> context)
    {
        var when = context.Count == 0 ? string.Empty : " with " + string.Join(", ", context.Select(kv => $"{kv.Key}={kv.Value}"));
        string? unknownAllow = null;
        var allowed = false;
        foreach (var (label, statement) in statements)
        {
            var (applies, unknown) = StatementMatch.Evaluate(statement, action, resource, context);
            if (!statement.Allow && applies == true)
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
