namespace Sentrely.Pipeline;

/// <summary>Gets one check between the fixed head (tool resolution) and the fixed tail (audit intent, credentials, invocation).</summary>
public interface IToolCallStage
{
    /// <summary>Gets the stage's position; see <see cref="StageOrder"/>.</summary>
    int Order { get; }

    /// <summary>Runs the check; returns a rejection to stop the call, or null to continue.</summary>
    /// <param name="context">The call.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken);
}
