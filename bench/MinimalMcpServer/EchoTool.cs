using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Sentrely.Bench.MinimalMcpServer;

/// <summary>One trivial tool, <c>echo</c>: returns its <c>text</c> argument. Hand-written schema, so no reflection.</summary>
internal sealed class EchoTool : McpServerTool
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        """{"type":"object","properties":{"text":{"type":"string","description":"Text to echo."}},"required":["text"]}""").RootElement.Clone();

    /// <inheritdoc />
    public override Tool ProtocolTool { get; } = new()
    {
        Name = "echo",
        Description = "Returns its text argument.",
        InputSchema = Schema,
        Annotations = new ToolAnnotations { ReadOnlyHint = true },
    };

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => [];

    /// <inheritdoc />
    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Params?.Arguments is { } args && args.TryGetValue("text", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : "";
        return ValueTask.FromResult(new CallToolResult { Content = [new TextContentBlock { Text = text }] });
    }
}
