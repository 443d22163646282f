using BenchmarkDotNet.Attributes;
using Sentrely.Policy;

namespace Sentrely.Benchmarks;

/// <summary>One policy decision against a 200-rule policy; the allowing rule is near the end.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class PolicyBenchmarks
{
    private readonly PolicyEvaluator _evaluator = new(BenchmarkPolicy.Rules());

    private readonly PolicyRequest _request = BenchmarkPolicy.Request;

    [GlobalSetup]
    public void Check()
    {
        var decision = _evaluator.Evaluate(_request);
        if (!decision.Allowed || decision.RuleIds is not ["builds-rw"])
        {
            throw new InvalidOperationException($"the benchmark call must be allowed by builds-rw: {decision.Reason}");
        }
    }

    [Benchmark]
    public PolicyDecision Evaluate200Rules() => _evaluator.Evaluate(_request);
}
