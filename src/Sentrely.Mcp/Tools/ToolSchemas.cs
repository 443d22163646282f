using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Sentrely.Mcp.Tools;

/// <summary>
/// Derives MCP schemas from the handlers' typed records (source-generated metadata, so AOT-safe):
/// input schemas refuse undeclared arguments; output schemas admit the success shape or the refusal shape.
/// </summary>
internal static class ToolSchemas
{
    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = AddDescription,
    };

    public static JsonElement Input(JsonTypeInfo arguments)
    {
        var schema = (JsonObject)arguments.GetJsonSchemaAsNode(Exporter);
        schema["type"] = "object";
        schema["additionalProperties"] = false;
        schema["properties"] ??= new JsonObject();
        return ToElement(schema);
    }

    public static JsonElement Output(JsonTypeInfo result)
    {
        var success = result.GetJsonSchemaAsNode(Exporter);
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["anyOf"] = new JsonArray(success, Refusal()),
        };
        return ToElement(schema);
    }

    // The structured content of every isError result: DESIGN.md's refusal fields.
    private static JsonObject Refusal() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["decision"] = new JsonObject { ["type"] = "string" },
            ["reason"] = new JsonObject { ["type"] = "string" },
            ["ruleIds"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            ["callId"] = new JsonObject { ["type"] = "string" },
            ["approvalId"] = new JsonObject { ["type"] = "string" },
            ["retryAfterSeconds"] = new JsonObject { ["type"] = "integer" },
            ["awsErrorCode"] = new JsonObject { ["type"] = "string" },
        },
        ["required"] = new JsonArray("decision", "reason", "ruleIds"),
    };

    private static JsonNode AddDescription(JsonSchemaExporterContext context, JsonNode schema)
    {
        var provider = context.PropertyInfo?.AttributeProvider ?? context.TypeInfo.Type;
        var description = provider.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false).OfType<DescriptionAttribute>().FirstOrDefault();
        if (description is not null && schema is JsonObject obj)
        {
            obj.Insert(0, "description", description.Description);
        }

        return schema;
    }

    private static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node, McpJson.Default.JsonNode);
}
