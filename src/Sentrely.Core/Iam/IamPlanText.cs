using System.Globalization;

namespace Sentrely.Iam;

/// <summary>
/// Writes an <see cref="IamPlan"/> for people (<c>sentrely iam plan</c>, the default format): per role what each tool may
/// do, on which resources, under which conditions, and which rule and manifest each grant comes from.
/// </summary>
public static class IamPlanText
{
    private const int ManagedPolicyLimit = 6144;

    /// <summary>Returns the summary, one line at a time (no line endings).</summary>
    /// <param name="plan">The plan.</param>
    public static IEnumerable<string> Lines(IamPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return LinesCore(plan);
    }

    private static IEnumerable<string> LinesCore(IamPlan plan)
    {
        yield return $"Broker: {plan.Broker} (the only principal the roles trust)";
        yield return $"Account {plan.AccountId}, partition {plan.Partition}, region {plan.Region}";
        foreach (var role in plan.Roles)
        {
            yield return string.Empty;
            yield return $"Role {role.Key}: {role.RoleArn}";
            if (role.Grants.Count == 0)
            {
                yield return "  grants nothing";
            }

            foreach (var tool in role.Grants.GroupBy(g => g.Tool, StringComparer.Ordinal))
            {
                yield return $"  {tool.Key}:";
                foreach (var grant in tool)
                {
                    yield return $"    {Describe(grant.Statement)} (rule `{grant.RuleId}`, manifest `{grant.Tool}`)";
                    foreach (var note in grant.Notes)
                    {
                        yield return $"      note: {note}";
                    }
                }
            }

            if (role.UngrantedTools.Count > 0)
            {
                yield return $"  not granted: {string.Join(", ", role.UngrantedTools)} (no allow rule permits them)";
            }

            yield return $"  trust: {DescribeTrust(role.Trust)}";
            yield return $"  policies: {DescribePolicies(role.Policies)}";
        }

        yield return string.Empty;
        yield return plan.Boundary is not null
            ? $"Permissions boundary: generated, {Number(plan.Boundary.Size)} characters"
            : plan.BoundaryArn is not null ? $"Permissions boundary: {plan.BoundaryArn}" : "Permissions boundary: none";
        yield return $"Alerts: {plan.Alerts.Description}";
    }

    private static string Describe(IamStatement statement)
    {
        var text = (statement.Effect == "Allow" ? string.Empty : statement.Effect + " ")
            + string.Join(", ", statement.Actions)
            + " on " + (statement.Resources.Count == 0 ? "*" : string.Join(", ", statement.Resources));
        if (statement.Conditions.Count > 0)
        {
            text += " if " + string.Join(" and ", statement.Conditions.Select(c => $"{c.Key} {c.Operator} {string.Join(" or ", c.Values)}"));
        }

        return text;
    }

    private static string DescribeTrust(IamPolicyDocument trust)
    {
        var principals = trust.Statements.Select(s => s.PrincipalAws).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var tags = new List<string>();
        foreach (var condition in trust.Statements.SelectMany(s => s.Conditions))
        {
            if (condition.Key.Equals("aws:TagKeys", StringComparison.OrdinalIgnoreCase))
            {
                tags.AddRange(condition.Values);
            }
            else if (condition.Key.StartsWith("aws:RequestTag/", StringComparison.OrdinalIgnoreCase))
            {
                tags.Add(condition.Key["aws:RequestTag/".Length..]);
            }
        }

        tags = [.. tags.Distinct(StringComparer.OrdinalIgnoreCase)];
        var sourceIdentity = trust.Statements.Any(s => s.Effect == "Allow" && s.Actions.Contains("sts:SetSourceIdentity", StringComparer.OrdinalIgnoreCase));
        var text = "assumable only by " + (principals.Count == 0 ? "nobody (no principal)" : string.Join(", ", principals));
        text += tags.Count == 0 ? ", without session tags" : ", with session tags " + string.Join(", ", tags);
        return text + (sourceIdentity ? " and a source identity" : " and no source identity");
    }

    private static string DescribePolicies(IReadOnlyList<IamPolicyDocument> policies) => policies.Count switch
    {
        0 => "no managed policy",
        1 => $"1 managed policy of {Number(policies[0].Size)} characters (limit {Number(ManagedPolicyLimit)})",
        _ => $"{policies.Count} managed policies of {string.Join(", ", policies.Select(p => Number(p.Size)))} characters (limit {Number(ManagedPolicyLimit)} each)",
    };

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
