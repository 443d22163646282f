using Sentrely.Pipeline;

namespace Sentrely.Invocation;

/// <summary>
/// Gets told about every performed call after AWS answered and before the outcome is recorded, so stateful
/// checks (cost limits counting launched instances) can learn what the call changed. An observer must not
/// throw for an ordinary result; an exception is logged and never changes the call's result.
/// </summary>
public interface IToolCallObserver
{
    /// <summary>Observes a performed call.</summary>
    /// <param name="context">The call.</param>
    /// <param name="result">What AWS answered (success or failure).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask OnInvokedAsync(ToolCallContext context, ToolInvocationResult result, CancellationToken cancellationToken);
}
