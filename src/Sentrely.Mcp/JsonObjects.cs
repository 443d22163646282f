using System.Text;
using System.Text.Json;

namespace Sentrely.Mcp;

/// <summary>Writes one JSON object with a <see cref="Utf8JsonWriter"/> (AOT-safe, no reflection) and returns it as text or as an element.</summary>
internal static class JsonObjects
{
    /// <summary>Returns the object <paramref name="body"/> writes, as compact JSON text.</summary>
    public static string ToText(Action<Utf8JsonWriter> body, JsonWriterOptions options = default) =>
        Encoding.UTF8.GetString(Write(body, options));

    /// <summary>Returns the object <paramref name="body"/> writes, as a <see cref="JsonElement"/>.</summary>
    public static JsonElement ToElement(Action<Utf8JsonWriter> body) =>
        JsonDocument.Parse(Write(body, default)).RootElement;

    /// <summary>Writes <paramref name="values"/> as the string array <paramref name="name"/>.</summary>
    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
