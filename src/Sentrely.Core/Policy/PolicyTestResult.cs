namespace Sentrely.Policy;

/// <summary>Gets how one policy test case fared.</summary>
/// <param name="Case">The case.</param>
/// <param name="Explanation">What the server would do with the call.</param>
public sealed record PolicyTestResult(PolicyTestCase Case, PolicyExplanation Explanation)
{
    /// <summary>Gets a value indicating whether the call got the expected verdict (and the expected rule, when named).</summary>
    public bool Passed => Explanation.Verdict == Case.Expect && (Case.Rule is null || Explanation.RuleIds.Contains(Case.Rule, StringComparer.Ordinal));

    /// <summary>Gets the mismatch in words: "expected allow by `builds-rw`, got deny: …"; empty when passed.</summary>
    public string Diff => Passed
        ? ""
        : $"expected {Case.Expect}{By(Case.Rule is null ? [] : [Case.Rule])}, got {Explanation.Verdict}{By(Explanation.RuleIds)}: {Explanation.Reason}";

    private static string By(IReadOnlyList<string> ruleIds) =>
        ruleIds.Count == 0 ? "" : " by " + string.Join(", ", ruleIds.Select(id => $"`{id}`"));
}
