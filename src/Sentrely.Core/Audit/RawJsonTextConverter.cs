using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentrely.Audit;

/// <summary>Writes a string that holds JSON text as the embedded JSON value, and reads a value back as its exact source text.</summary>
internal sealed class RawJsonTextConverter : JsonConverter<string?>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteRawValue(value, skipInputValidation: false);
    }
}
