using CsCheck;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

/// <summary>Properties of the decision procedure over random rule sets and random calls (CsCheck; failures shrink and print a seed).</summary>
public sealed class PolicyPropertyTests
{
    private const long Iterations = 3_000;

    [Fact]
    public void Evaluate_DenyRuleAddedAnywhere_NeverTurnsDenialIntoAllow()
    {
        Gen.Select(PolicyGenerators.Rules, PolicyGenerators.Rule, Gen.Int[0, 12], PolicyGenerators.Request).Sample(
            (rules, extra, position, request) =>
            {
                // Arrange
                var deny = extra with { Id = "extra-deny", Effect = PolicyEffect.Deny, Approval = ApprovalRequirement.None };
                var widened = rules.ToList();
                widened.Insert(position % (rules.Length + 1), deny);

                // Act
                var before = new PolicyEvaluator(rules).Evaluate(request);
                var after = new PolicyEvaluator(widened).Evaluate(request);

                // Assert
                return !after.Allowed || before.Allowed;
            },
            iter: Iterations);
    }

    [Fact]
    public void Evaluate_NoAllowRules_DeniesEveryCall()
    {
        Gen.Select(PolicyGenerators.Rules, PolicyGenerators.Request).Sample(
            (rules, request) =>
            {
                // Arrange
                var denies = rules.Where(r => r.Effect == PolicyEffect.Deny).ToArray();

                // Act
                var decision = new PolicyEvaluator(denies).Evaluate(request);

                // Assert
                return !decision.Allowed && decision.RuleIds.All(id => denies.Any(d => d.Id == id));
            },
            iter: Iterations);
    }

    [Fact]
    public void Evaluate_RulesReordered_SameDecisionRuleSetAndApproval()
    {
        var rulesAndShuffled = PolicyGenerators.Rules.SelectMany(rules => Gen.Shuffle(rules.ToArray()).Select(shuffled => (rules, shuffled)));
        Gen.Select(rulesAndShuffled, PolicyGenerators.Request).Sample(
            (pair, request) =>
            {
                // Arrange
                var (rules, shuffled) = pair;

                // Act
                var original = new PolicyEvaluator(rules).Evaluate(request);
                var reordered = new PolicyEvaluator(shuffled).Evaluate(request);

                // Assert
                return original.Allowed == reordered.Allowed
                    && original.RuleIds.ToHashSet().SetEquals(reordered.RuleIds)
                    && original.Approval == reordered.Approval;
            },
            iter: Iterations);
    }

    [Fact]
    public void Evaluate_AnyPolicy_NamesTheDecidingRules()
    {
        Gen.Select(PolicyGenerators.Rules, PolicyGenerators.Request).Sample(
            (rules, request) =>
            {
                // Arrange: which rules match, judged one rule at a time.
                var matchingAllows = rules.Where(r => r.Effect == PolicyEffect.Allow && new PolicyEvaluator([r]).Evaluate(request).Allowed).Select(r => r.Id).ToHashSet();
                var matchingDenies = rules.Where(r => r.Effect == PolicyEffect.Deny && !new PolicyEvaluator([r, PolicyGenerators.AllowAll]).Evaluate(request).Allowed).Select(r => r.Id).ToHashSet();

                // Act
                var decision = new PolicyEvaluator(rules).Evaluate(request);

                // Assert: allowed iff some allow and no deny matches; an allow names ≥ 1 allow rule, a deny by rule names every matching deny.
                var expectedAllowed = matchingDenies.Count == 0 && matchingAllows.Count > 0;
                var expectedIds = matchingDenies.Count > 0 ? matchingDenies : expectedAllowed ? matchingAllows : [];
                return decision.Allowed == expectedAllowed
                    && (!decision.Allowed || decision.RuleIds.Count >= 1)
                    && decision.RuleIds.ToHashSet().SetEquals(expectedIds);
            },
            iter: Iterations);
    }

    [Fact]
    public void Evaluate_Allowed_ApprovalNeverBelowManifestDefault()
    {
        Gen.Select(PolicyGenerators.Rules, PolicyGenerators.Request).Sample(
            (rules, request) =>
            {
                // Act
                var decision = new PolicyEvaluator(rules).Evaluate(request);

                // Assert
                return !decision.Allowed || ApprovalRequirement.Max(decision.Approval, request.ManifestApproval) == decision.Approval;
            },
            iter: Iterations);
    }
}
