using Sentrely.Iam;
using static Sentrely.EndToEnd.Tests.SessionPolicies.IamPlanSimulator;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// Builds evaluator cases for one plan: requests signed by a call's role session (principal
/// <c>assumed-role/ROLE/sess_….call_…</c>, carrying the session tags), judged under the role's generated identity
/// policies, with or without the call's session policy.
/// </summary>
internal sealed class PlanRequests(IamPlan plan, string configName)
{
    public string ConfigName { get; } = configName;

    /// <summary>The principal tags every Sentrely session carries for the developer and project.</summary>
    public static Dictionary<string, object> Tags(string developer, string project) => new()
    {
        ["aws:PrincipalTag/developer"] = developer,
        ["aws:PrincipalTag/project"] = project,
    };

    /// <summary>A request under the role policy ∩ the call's session policy.</summary>
    public Case Both(string tool, string expected, string sessionPolicy, string action, string resource, Dictionary<string, object>? context = null, string? label = null) =>
        Make(tool, expected, sessionPolicy, action, resource, context, label ?? (expected == Allowed ? "intended" : "neighbour"));

    /// <summary>A request outside the configuration's rules under the role policy alone, which must refuse it.</summary>
    public Case RoleOnly(string tool, string action, string resource, Dictionary<string, object>? context = null, string expected = ImplicitlyDenied) =>
        Make(tool, expected, null, action, resource, context, "role alone, outside the rules");

    private Case Make(string tool, string expected, string? sessionPolicy, string action, string resource, Dictionary<string, object>? context, string label)
    {
        var roleKey = IamPlanFixtures.Manifests.Single(m => m.Name == tool).Role!;
        var role = plan.Roles.Single(r => r.Key == roleKey);
        var merged = Tags("jordan", "backend-api");
        foreach (var (key, value) in context ?? [])
        {
            merged[key] = value;
        }

        return new Case(
            $"{ConfigName}: {tool}: {label}: {action} {resource} {string.Join(",", (context ?? []).Select(kv => $"{kv.Key}={kv.Value}"))}",
            expected,
            IamPlanFixtures.IdentityPolicies(plan, roleKey),
            $"arn:aws:sts::{IamPlanFixtures.Account}:assumed-role/{role.RoleName}/sess_abc.call_def",
            action,
            resource,
            merged,
            SessionPolicy: sessionPolicy);
    }
}
