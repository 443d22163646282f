using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sentrely.Mcp.Tools;

/// <summary>Source-generated JSON metadata used by the MCP layer.</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class McpJson : JsonSerializerContext;
