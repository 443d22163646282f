namespace Sentrely.Policy;

/// <summary>Gets something that must happen before an allowed call runs (an approval; later, rate and cost limits).</summary>
/// <param name="Kind">What kind: <c>approval</c> now; limit sources add their own (for example <c>rate-limit</c>).</param>
/// <param name="Description">What it means for this call, for a human.</param>
/// <param name="RuleIds">The rules or limits it comes from; empty for a manifest default.</param>
public sealed record Obligation(string Kind, string Description, IReadOnlyList<string> RuleIds);
