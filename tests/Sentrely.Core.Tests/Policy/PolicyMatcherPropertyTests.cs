using CsCheck;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

/// <summary>The fast decision path agrees with the explaining one: decisions and their explanations never diverge.</summary>
public sealed class PolicyMatcherPropertyTests
{
    private const long Iterations = 5_000;

    [Fact]
    public void CompiledGlob_AnyPatternAndValue_AgreesWithGlob()
    {
        var pattern = Gen.Char["ab*?:"].Array[0, 8].Select(c => new string(c));
        var value = Gen.Char["ab:"].Array[0, 10].Select(c => new string(c));

        Gen.Select(pattern, value).Sample((p, v) => new CompiledGlob(p).IsMatch(v) == Glob.IsMatch(p, v), iter: Iterations);
    }

    [Fact]
    public void CompiledRule_AnyRuleAndCall_AgreesWithRuleMatcher()
    {
        Gen.Select(PolicyGenerators.Rule, PolicyGenerators.Request).Sample(
            (rule, request) => new CompiledRule(rule).Matches(request) == (RuleMatcher.Mismatch(rule, request) is null),
            iter: Iterations);
    }

    [Fact]
    public void Evaluate_AnyPolicy_TraceAgreesWithDecision()
    {
        Gen.Select(PolicyGenerators.Rules, PolicyGenerators.Request).Sample(
            (rules, request) =>
            {
                // Act
                var decision = new PolicyEvaluator(rules).Evaluate(request);

                // Assert: the trace lists every rule in order and marks as matched exactly the rules the explaining matcher accepts.
                return decision.Trace.Select(t => t.RuleId).SequenceEqual(rules.Select(r => r.Id))
                    && decision.Trace.Zip(rules).All(p => p.First.Matched == (RuleMatcher.Mismatch(p.Second, request) is null))
                    && decision.RuleIds.All(id => decision.Trace.Single(t => t.RuleId == id).Matched);
            },
            iter: Iterations / 5);
    }
}
