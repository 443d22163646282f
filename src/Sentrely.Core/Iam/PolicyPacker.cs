using Sentrely.Policy;

namespace Sentrely.Iam;

/// <summary>
/// Merges grants into few statements and packs them into policy documents that fit IAM's quotas: a customer-managed
/// policy holds 6,144 characters (minified) and a role takes 10 managed policies by default.
/// </summary>
internal static class PolicyPacker
{
    /// <summary>The largest customer-managed policy, in characters without whitespace.</summary>
    public const int MaxPolicySize = 6144;

    /// <summary>The managed policies a role can have attached by default.</summary>
    public const int MaxPoliciesPerRole = 10;

    /// <summary>Returns the grants' statements with identical actions and conditions merged and covered resources dropped.</summary>
    public static IReadOnlyList<IamStatement> Merge(IEnumerable<IamGrant> grants)
    {
        var merged = new List<IamStatement>();
        foreach (var statement in grants.Select(g => g.Statement))
        {
            var index = merged.FindIndex(m => SameShape(m, statement));
            if (index < 0)
            {
                merged.Add(statement with { Resources = Narrowest(statement.Resources) });
                continue;
            }

            merged[index] = merged[index] with { Resources = Narrowest([.. merged[index].Resources, .. statement.Resources]) };
        }

        return merged;
    }

    /// <summary>Splits <paramref name="statements"/> into documents of at most <see cref="MaxPolicySize"/> characters.</summary>
    /// <exception cref="InvalidOperationException">A statement alone is too big, or more than <see cref="MaxPoliciesPerRole"/> documents are needed.</exception>
    public static IReadOnlyList<IamPolicyDocument> Pack(IReadOnlyList<IamStatement> statements, string role)
    {
        var documents = new List<IamPolicyDocument>();
        var current = new List<IamStatement>();
        foreach (var statement in statements.SelectMany(s => Split(s, role)))
        {
            if (current.Count > 0 && new IamPolicyDocument([.. current, statement]).Size > MaxPolicySize)
            {
                documents.Add(new IamPolicyDocument(current));
                current = [];
            }

            current.Add(statement);
        }

        if (current.Count > 0)
        {
            documents.Add(new IamPolicyDocument(current));
        }

        return documents.Count <= MaxPoliciesPerRole
            ? documents
            : throw new InvalidOperationException($"role `{role}` needs {documents.Count} managed policies, more than the {MaxPoliciesPerRole} IAM attaches by default; merge rules or split the role");
    }

    // A merged statement with many resources is cut into several with the same actions and conditions.
    private static IEnumerable<IamStatement> Split(IamStatement statement, string role)
    {
        if (new IamPolicyDocument([statement]).Size <= MaxPolicySize)
        {
            yield return statement;
            yield break;
        }

        var part = 0;
        var resources = new List<string>();
        foreach (var resource in statement.Resources)
        {
            if (new IamPolicyDocument([statement with { Resources = [resource] }]).Size > MaxPolicySize)
            {
                throw new InvalidOperationException($"role `{role}`: statement {statement.Sid} does not fit a managed policy ({MaxPolicySize} characters) even with one resource");
            }

            if (resources.Count > 0 && new IamPolicyDocument([statement with { Resources = [.. resources, resource] }]).Size > MaxPolicySize)
            {
                yield return statement with { Sid = $"{statement.Sid}P{part++}", Resources = resources };
                resources = [];
            }

            resources.Add(resource);
        }

        yield return statement with { Sid = $"{statement.Sid}P{part}", Resources = resources };
    }

    private static bool SameShape(IamStatement a, IamStatement b) =>
        a.Effect == b.Effect
        && a.Actions.SequenceEqual(b.Actions, StringComparer.Ordinal)
        && a.Conditions.Count == b.Conditions.Count
        && a.Conditions.Zip(b.Conditions).All(p => p.First.Operator == p.Second.Operator && p.First.Key == p.Second.Key && p.First.Values.SequenceEqual(p.Second.Values, StringComparer.Ordinal));

    // A resource another one in the same statement already covers adds nothing.
    private static List<string> Narrowest(IReadOnlyList<string> resources)
    {
        var distinct = resources.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Where((r, i) => !distinct.Where((o, j) => j != i && o != r).Any(o => GlobSets.Covers(o, r))).ToList();
    }
}
