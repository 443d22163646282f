using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sentrely.Approval;

namespace Sentrely.Mcp.Tools;

/// <summary>Asks the human in the session through MCP elicitation: the call's summary and one "approve" checkbox.</summary>
internal sealed class McpElicitationPrompt : IApprovalPrompt
{
    private const string ApproveField = "approve";

    private readonly McpServer _server;

    private McpElicitationPrompt(McpServer server) => _server = server;

    /// <summary>Returns a prompt for <paramref name="server"/>'s client, or null when it did not declare elicitation.</summary>
    public static McpElicitationPrompt? For(McpServer server) =>
        server.ClientCapabilities?.Elicitation is null ? null : new McpElicitationPrompt(server);

    /// <inheritdoc />
    public async ValueTask<PromptAnswer> AskAsync(string message, CancellationToken cancellationToken)
    {
        ElicitResult result;
        try
        {
            result = await _server.ElicitAsync(
                new ElicitRequestParams
                {
                    Message = message,
                    RequestedSchema = new ElicitRequestParams.RequestSchema
                    {
                        Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                        {
                            [ApproveField] = new ElicitRequestParams.BooleanSchema
                            {
                                Title = "Approve this call",
                                Description = "Check to let this one call run; leave unchecked or decline to refuse it.",
                                Default = false,
                            },
                        },
                        Required = [ApproveField],
                    },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is McpException or InvalidOperationException or IOException)
        {
            throw new ApprovalPromptException("the client did not answer the confirmation request", ex);
        }

        // Only an explicit accept with the box checked approves; anything else is a no.
        return result.Action switch
        {
            "accept" when result.Content is { } content && content.TryGetValue(ApproveField, out var approve) && approve.ValueKind == JsonValueKind.True
                => PromptAnswer.Accepted,
            "accept" or "decline" => PromptAnswer.Declined,
            _ => PromptAnswer.Cancelled,
        };
    }
}
