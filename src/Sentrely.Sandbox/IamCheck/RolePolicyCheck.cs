using Sentrely.Iam;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.IamCheck;

/// <summary>
/// <c>sentrely iam check</c>: compares a role's identity policy, as exported from IAM, with the role's plan, using the
/// AWS test double's evaluator. Every doubt is resolved against the policy: an unevaluable condition never makes a grant
/// look allowed, nor an excess look absent.
/// </summary>
public static class RolePolicyCheck
{
    /// <summary>Checks one identity policy document against <paramref name="role"/>'s grants.</summary>
    /// <param name="policyJson">The policy document JSON.</param>
    /// <param name="role">The role's plan.</param>
    /// <returns>The missing grants, the excess privileges and any parse problems.</returns>
    public static RolePolicyReport Check(string policyJson, RolePlan role) => Check([policyJson], role);

    /// <summary>Checks all identity policies attached to one role (their union) against <paramref name="role"/>'s grants.</summary>
    /// <param name="policyJsons">The policy documents; statements are named <c>policy N statement</c> when there are several.</param>
    /// <param name="role">The role's plan.</param>
    /// <returns>The missing grants, the excess privileges and any parse problems.</returns>
    public static RolePolicyReport Check(IReadOnlyList<string> policyJsons, RolePlan role)
    {
        ArgumentNullException.ThrowIfNull(policyJsons);
        ArgumentNullException.ThrowIfNull(role);
        var statements = new List<LabelledStatement>();
        var problems = new List<string>();
        for (var p = 0; p < policyJsons.Count; p++)
        {
            var prefix = policyJsons.Count == 1 ? string.Empty : $"policy {p + 1} ";
            var parsed = SessionPolicyParser.TryParseIdentity(policyJsons[p] ?? string.Empty, out var error);
            if (parsed is null)
            {
                problems.Add($"{prefix}{error}".Trim());
                continue;
            }

            for (var s = 0; s < parsed.Statements.Count; s++)
            {
                var statement = parsed.Statements[s];
                statements.Add(new LabelledStatement(prefix + (statement.Sid is { Length: > 0 } sid ? sid : $"#{s + 1}"), statement));
            }
        }

        // Fail closed: a policy that cannot be read is not half-checked.
        if (problems.Count > 0)
        {
            return new RolePolicyReport([], [], problems);
        }

        return new RolePolicyReport(MissingGrantFinder.Find(statements, role), ExcessGrantFinder.Find(statements, role), []);
    }
}
