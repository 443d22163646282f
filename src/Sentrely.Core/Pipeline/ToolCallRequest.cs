using System.Text.Json;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Auth;
using Sentrely.Invocation;
using Sentrely.Sessions;

namespace Sentrely.Pipeline;

/// <summary>Gets one <c>tools/call</c> as the transport received it, before any check.</summary>
/// <param name="Session">The calling session.</param>
/// <param name="ToolName">The requested tool name (may be unknown).</param>
/// <param name="Arguments">The raw <c>arguments</c> value; null when absent.</param>
/// <param name="Progress">Reports progress to the client.</param>
/// <param name="FileRoots">Resolves the folders <c>path</c> arguments may read.</param>
/// <param name="Prompt">Asks the human in the session to confirm a call; null when the client cannot (no elicitation).</param>
/// <param name="Caller">The authenticated caller's scope (team server); null for stdio sessions.</param>
/// <param name="Refusal">
/// A refusal the transport decided before any check (a token over its concurrent-call cap, a <c>path</c> the team server does
/// not serve); the pipeline audits it like any other. Null lets the call through to the stages.
/// </param>
public sealed record ToolCallRequest(
    SessionContext Session,
    string ToolName,
    JsonElement? Arguments,
    IProgressReporter Progress,
    IFileRootProvider FileRoots,
    IApprovalPrompt? Prompt = null,
    CallerScope? Caller = null,
    ToolCallRejection? Refusal = null);
