using Sentrely.Policy;
using Sentrely.Sessions;

namespace Sentrely.Pipeline;

/// <summary>Records requests refused before they could be read.</summary>
public sealed partial class ToolCallPipeline
{
    /// <summary>The tool name audit records give a request that was refused unread.</summary>
    public const string UnreadRequestTool = "sentrely:unread-request";

    /// <summary>
    /// Records a request the transport refused before parsing it (too large to read) as a denied call, with an intent
    /// and an outcome record like every refusal. Never throws for a store failure: the request is refused either way.
    /// </summary>
    /// <param name="session">The session the request came from.</param>
    /// <param name="code">The error code, such as <c>MessageTooLarge</c>.</param>
    /// <param name="reason">Why it was refused.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async ValueTask<ToolCallOutcome> RefuseUnreadAsync(SessionContext session, string code, string reason, CancellationToken cancellationToken)
    {
        var request = new ToolCallRequest(session, UnreadRequestTool, null, SilentProgress.Instance, new FixedFileRoots([]));
        var context = new ToolCallContext(request, Identifiers.NewCallId(), _configuration());
        return await RefuseAsync(context, ToolCallRejection.Deny(code, reason), _time.GetTimestamp(), cancellationToken).ConfigureAwait(false);
    }
}
