using Sentrely.Pipeline;

namespace Sentrely.Policy;

/// <summary>
/// Describes the obligations an allowed call carries, for <c>sentrely policy explain</c>. The extension point
/// for limits: a rate-limit or cost-limit source reports the limits that apply (and, when it can, the
/// remaining budget) without taking a token, because the explainer never runs limit stages.
/// </summary>
public interface IObligationSource
{
    /// <summary>Returns the obligations of <paramref name="context"/>'s call, whose policy decision allowed it.</summary>
    /// <param name="context">The call, validated, decided and scoped.</param>
    IEnumerable<Obligation> Describe(ToolCallContext context);
}
