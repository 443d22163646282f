using System.Collections;

namespace Sentrely.Policy;

/// <summary>
/// How every rule evaluated against one call, built only when read: a decision on the hot path never pays for
/// the explanations, while <c>policy explain</c> and list-permissions get them in full.
/// </summary>
internal sealed class RuleTrace : IReadOnlyList<RuleEvaluation>
{
    private readonly Lazy<RuleEvaluation[]> _entries;

    public RuleTrace(CompiledRule[] rules, bool[] matched, PolicyRequest request)
    {
        _entries = new Lazy<RuleEvaluation[]>(() =>
        {
            var entries = new RuleEvaluation[rules.Length];
            for (var i = 0; i < rules.Length; i++)
            {
                var rule = rules[i].Rule;
                entries[i] = new RuleEvaluation(rule.Id, rule.Effect, matched[i], matched[i] ? "matched" : RuleMatcher.Mismatch(rule, request) ?? "did not match");
            }

            return entries;
        });
    }

    public int Count => _entries.Value.Length;

    public RuleEvaluation this[int index] => _entries.Value[index];

    public IEnumerator<RuleEvaluation> GetEnumerator() => ((IEnumerable<RuleEvaluation>)_entries.Value).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
