using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentrely.Aws.Lambda;

/// <summary>
/// Reads Lambda's <c>Environment</c> object and keeps only the names under <c>Variables</c>: values are skipped in
/// the reader and never become strings, so secrets held in environment variables never reach Sentrely's memory
/// beyond the response buffer.
/// </summary>
internal sealed class EnvironmentVariableNamesConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        Expect(reader, JsonTokenType.StartObject);
        var names = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVariables = reader.ValueTextEquals("Variables"u8);
            reader.Read();
            if (isVariables && reader.TokenType != JsonTokenType.Null)
            {
                Expect(reader, JsonTokenType.StartObject);
                ReadNames(ref reader, names);
            }
            else
            {
                reader.Skip();
            }
        }

        Expect(reader, JsonTokenType.EndObject);
        return names;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Lambda environments are only read.");

    private static void ReadNames(ref Utf8JsonReader reader, List<string> names)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }

        Expect(reader, JsonTokenType.EndObject);
    }

    private static void Expect(Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException("Unexpected token in a Lambda Environment object.");
        }
    }
}
