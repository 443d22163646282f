using Sentrely.Configuration;
using Sentrely.Policy;

namespace Sentrely.Pipeline;

/// <summary>Gets a configuration together with what is derived from it; swapped as a whole on reload.</summary>
/// <param name="Config">The validated configuration.</param>
/// <param name="Policy">The evaluator of its rules.</param>
public sealed record ActiveConfiguration(SentrelyConfig Config, PolicyEvaluator Policy)
{
    /// <summary>Returns the snapshot of <paramref name="config"/>.</summary>
    /// <param name="config">The configuration.</param>
    public static ActiveConfiguration From(SentrelyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(config, new PolicyEvaluator(config.Policy.Rules));
    }
}
