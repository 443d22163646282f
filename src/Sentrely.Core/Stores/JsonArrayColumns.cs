using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sentrely.Stores;

/// <summary>The readable JSON-array text columns (<c>resources</c>, <c>ruleIds</c>, …) of every store backend, written and read without reflection.</summary>
public static class JsonArrayColumns
{
    // Readable in sqlite3 and psql; what the hash chain covers is escaped again by its own fixed rules.
    private static readonly JsonWriterOptions ListWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns <paramref name="values"/> as compact JSON array text.</summary>
    public static string ToJsonArray(IReadOnlyList<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer, ListWriterOptions))
        {
            w.WriteStartArray();
            foreach (var value in values)
            {
                w.WriteStringValue(value);
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a JSON array of strings; anything else is <see cref="InvalidDataException"/> naming <paramref name="row"/> and <paramref name="column"/>.</summary>
    /// <param name="json">The column's text.</param>
    /// <param name="row">The row, as the message names it (<c>audit record 12</c>, <c>approval apr_…</c>).</param>
    /// <param name="column">The column's name.</param>
    public static string[] FromJsonArray(string json, string row, string column)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{row} has a {column} column that is not a JSON array of strings");
            }

            return document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : throw new InvalidDataException($"{row} has a {column} column that is not a JSON array of strings")).ToArray();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{row} has a {column} column that is not JSON", ex);
        }
    }
}
