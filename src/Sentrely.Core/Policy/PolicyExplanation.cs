using Sentrely.Credentials;
using Sentrely.Sessions;

namespace Sentrely.Policy;

/// <summary>Gets what the server would do with one call, and why; built without calling AWS or writing audit records.</summary>
public sealed record PolicyExplanation
{
    /// <summary>Gets the tool name as given.</summary>
    public required string Tool { get; init; }

    /// <summary>Gets the session the call was explained for.</summary>
    public required SessionContext Session { get; init; }

    /// <summary>Gets the verdict: see <see cref="ExplainVerdicts"/>.</summary>
    public required string Verdict { get; init; }

    /// <summary>Gets the reason, as the agent would read it.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the refusal code (<c>PolicyDenied</c>, <c>InvalidArguments</c>, <c>ApprovalRequired</c>, …); null when allowed.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the deciding rule ids.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>Gets the policy decision with every rule's evaluation; null when the call was refused before the policy.</summary>
    public PolicyDecision? Decision { get; init; }

    /// <summary>Gets the call's main resources (what allow rules match).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Gets what the call touches besides its main resources (deny rules match these too).</summary>
    public IReadOnlyList<string> SecondaryResources { get; init; } = [];

    /// <summary>Gets the obligations of an allowed call.</summary>
    public IReadOnlyList<Obligation> Obligations { get; init; } = [];

    /// <summary>Gets the AssumeRole request that would be sent to STS (after approval, when one is needed); null when none would be.</summary>
    public CredentialRequest? Credentials { get; init; }
}
