namespace Sentrely.Policy;

/// <summary>Gets what the policy decides on: who calls which tool on which resources with which argument values.</summary>
/// <param name="Tool">The tool name.</param>
/// <param name="Developer">The session's developer.</param>
/// <param name="Project">The session's project.</param>
/// <param name="Resources">The call's main resource ARNs (<c>*</c> for tools without resource-level scope): allow rules must cover each.</param>
/// <param name="Arguments">The call's arguments as <c>when</c> sees them (<see cref="PolicyArgumentView"/>), by name; absent arguments have no entry.</param>
/// <param name="ManifestApproval">The tool manifest's approval default (rules can raise it, never lower it).</param>
public sealed record PolicyRequest(
    string Tool,
    string Developer,
    string Project,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, PolicyValue> Arguments,
    ApprovalRequirement ManifestApproval)
{
    /// <summary>Gets what the call touches besides <see cref="Resources"/> (a deploy's S3 package, a launch's image): deny rules match these too, allow rules do not.</summary>
    public IReadOnlyList<string> SecondaryResources { get; init; } = [];
}
