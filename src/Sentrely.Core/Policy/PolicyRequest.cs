namespace Sentrely.Policy;

/// <summary>Gets what the policy decides on: who calls which tool on which resources with which argument values.</summary>
/// <param name="Tool">The tool name.</param>
/// <param name="Developer">The session's developer.</param>
/// <param name="Project">The session's project.</param>
/// <param name="Resources">The call's resource ARNs (<c>*</c> for tools without resource-level scope).</param>
/// <param name="Arguments">The call's arguments as <c>when</c> sees them (<see cref="PolicyArgumentView"/>), by name; absent arguments have no entry.</param>
/// <param name="ManifestApproval">The tool manifest's approval default (rules can raise it, never lower it).</param>
public sealed record PolicyRequest(
    string Tool,
    string Developer,
    string Project,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, PolicyValue> Arguments,
    ApprovalRequirement ManifestApproval);
