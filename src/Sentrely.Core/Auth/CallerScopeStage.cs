using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Auth;

/// <summary>
/// Refuses, as an audited <c>deny</c>, calls of tools outside the caller's token scope. Runs right after the kill switch,
/// before the policy: a token narrows what its holder may do, it never widens it.
/// </summary>
public sealed class CallerScopeStage : IToolCallStage
{
    /// <summary>The error code of a call outside the token's tools.</summary>
    public const string OutOfScopeCode = "TokenScope";

    /// <inheritdoc />
    public int Order => StageOrder.CallerScope;

    /// <inheritdoc />
    public ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Caller is not { Tools: { } globs } caller)
        {
            return ValueTask.FromResult<ToolCallRejection?>(null);
        }

        var tool = context.Request.ToolName;
        return ValueTask.FromResult(globs.Any(g => Glob.IsMatch(g, tool))
            ? null
            : ToolCallRejection.Deny(
                OutOfScopeCode,
                $"The token {caller.TokenId} may call only {string.Join(", ", globs)}; `{tool}` is outside its scope. Ask an admin for a token that covers it."));
    }
}
