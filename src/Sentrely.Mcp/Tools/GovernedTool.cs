using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sentrely.Invocation;
using Sentrely.Manifests;
using Sentrely.Mcp.Http;
using Sentrely.Pipeline;

namespace Sentrely.Mcp.Tools;

/// <summary>
/// One curated tool as MCP sees it: name, title, description and annotations from the reviewed manifest,
/// input and output schemas from the handler's typed records. Every call goes through the pipeline;
/// this class only translates between MCP and Sentrely.
/// </summary>
internal sealed class GovernedTool : McpServerTool
{
    private readonly ToolCallPipeline _pipeline;
    private readonly McpSessions _sessions;

    /// <param name="protocolTool">The tool as MCP lists it (<see cref="Describe"/>).</param>
    /// <param name="pipeline">The pipeline every call goes through.</param>
    /// <param name="sessions">The Sentrely session of each MCP session.</param>
    public GovernedTool(Tool protocolTool, ToolCallPipeline pipeline, McpSessions sessions)
    {
        ProtocolTool = protocolTool;
        _pipeline = pipeline;
        _sessions = sessions;
    }

    /// <summary>Returns the tool as MCP lists it: name, title, description and annotations from the manifest, schemas from the handler's records.</summary>
    public static Tool Describe(RegisteredTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var manifest = tool.Manifest;
        return new Tool
        {
            Name = manifest.Name,
            Title = manifest.Title,
            Description = manifest.Description,
            InputSchema = ToolSchemas.Input(tool.Handler.ArgumentsType),
            OutputSchema = ToolSchemas.Output(tool.Handler.ResultType),
            Annotations = Annotations(manifest),
        };
    }

    /// <inheritdoc />
    public override Tool ProtocolTool { get; }

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => [];

    /// <inheritdoc />
    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await RunAsync(_pipeline, _sessions, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs any <c>tools/call</c> — curated or unknown — through the pipeline.</summary>
    public static async ValueTask<CallToolResult> RunAsync(
        ToolCallPipeline pipeline, McpSessions sessions, RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var server = request.Server;
        var session = await sessions.GetAsync(server, request.User, cancellationToken).ConfigureAwait(false);
        var progress = new McpProgressReporter(server, request.Params?.ProgressToken);
        var quotas = sessions.Quotas;
        var key = TokenQuotas.KeyOf(request.User);
        var admitted = quotas?.TryStartCall(key) ?? true;
        try
        {
            var call = new ToolCallRequest(
                session,
                request.Params?.Name ?? "",
                ToJson(request.Params?.Arguments),
                progress,
                sessions.FileRoots(server),
                sessions.Prompt(server),
                SentrelyClaims.Scope(request.User),
                admitted ? sessions.PathRefusal(request.Params?.Arguments) : TooManyCalls(quotas!.Limits.ConcurrentCallsPerToken));
            var outcome = await pipeline.RunAsync(call, cancellationToken).ConfigureAwait(false);
            await progress.FlushAsync().ConfigureAwait(false);
            return OutcomeResults.ToResult(outcome);
        }
        finally
        {
            if (admitted)
            {
                quotas?.EndCall(key);
            }
        }
    }

    // A refused call is still audited through the pipeline; it holds no slot, so it cannot push others over the cap.
    private static ToolCallRejection TooManyCalls(int max) =>
        new(AuditDecisions.RateLimited, "ConcurrentCallLimit", $"this token already has {max} calls running on the team server (server.limits.concurrentCallsPerToken): wait for one to finish, then retry")
        {
            RetryAfterSeconds = 1,
        };

    private static JsonElement? ToJson(IDictionary<string, JsonElement>? arguments) =>
        arguments is null
            ? null
            : JsonObjects.ToElement(w =>
            {
                foreach (var (name, value) in arguments)
                {
                    w.WritePropertyName(name);
                    value.WriteTo(w);
                }
            });

    // MCP's defaults assume the worst, so every hint is stated explicitly.
    private static ToolAnnotations Annotations(ToolManifest manifest) => new()
    {
        Title = manifest.Title,
        ReadOnlyHint = manifest.Access == ToolAccess.Read,
        DestructiveHint = manifest.Access == ToolAccess.Destructive,
        IdempotentHint = manifest.Access == ToolAccess.Read,
        OpenWorldHint = manifest.CallsAws,
    };
}
