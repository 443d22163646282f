using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox;

/// <summary>IAM inline role policies (PutRolePolicy), enforced on every request signed by a session of the role.</summary>
public sealed partial class SandboxState
{
    private readonly Dictionary<string, SortedDictionary<string, (string Document, SessionPolicy Parsed)>> _rolePolicies =
        new(StringComparer.Ordinal);

    /// <summary>Gets the inline policy document of a role, or <see langword="null"/> when there is none.</summary>
    /// <param name="roleName">The role name (the last segment of its ARN).</param>
    /// <param name="policyName">The inline policy name.</param>
    /// <returns>The policy document as stored.</returns>
    public string? GetRolePolicy(string roleName, string policyName)
    {
        lock (Gate)
        {
            return _rolePolicies.TryGetValue(roleName, out var policies) && policies.TryGetValue(policyName, out var policy)
                ? policy.Document
                : null;
        }
    }

    /// <summary>Creates or replaces an inline role policy the caller has already parsed.</summary>
    internal void PutRolePolicy(string roleName, string policyName, string document, SessionPolicy parsed)
    {
        lock (Gate)
        {
            if (!_rolePolicies.TryGetValue(roleName, out var policies))
            {
                policies = new SortedDictionary<string, (string, SessionPolicy)>(StringComparer.Ordinal);
                _rolePolicies[roleName] = policies;
            }

            policies[policyName] = (document, parsed);
        }
    }

    /// <summary>
    /// Returns why the role's inline policies explicitly deny <paramref name="check"/>, else null. Only Deny
    /// statements count: the double treats every role as allowed everything, so its Allow statements add nothing.
    /// </summary>
    internal string? RoleDenyReason(string roleArn, AccessCheck check)
    {
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        lock (Gate)
        {
            if (!_rolePolicies.TryGetValue(roleName, out var policies))
            {
                return null;
            }

            foreach (var (name, policy) in policies)
            {
                if (policy.Parsed.Statements.Any(s => !s.Allow && s.Matches(check)))
                {
                    return $"explicit deny in the role's inline policy {name}";
                }
            }

            return null;
        }
    }
}
