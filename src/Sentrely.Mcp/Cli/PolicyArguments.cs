using System.Text;
using System.Text.Json;

namespace Sentrely.Mcp.Cli;

/// <summary>Turns <c>--arg key=value</c> options into a call's <c>arguments</c> object.</summary>
internal static class PolicyArguments
{
    /// <summary>
    /// Returns the arguments object, or null and a problem. A value that is valid JSON (<c>2</c>, <c>true</c>,
    /// <c>["i-0abc"]</c>, <c>"007"</c>) is used as that JSON; anything else is a string.
    /// </summary>
    public static JsonElement? Parse(IReadOnlyList<string> pairs, out string? problem)
    {
        problem = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in pairs)
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    problem = $"`--arg {pair}` is not `key=value`";
                    return null;
                }

                var key = pair[..equals];
                if (!seen.Add(key))
                {
                    problem = $"`--arg {key}=…` is given twice; give a list as JSON instead, for example `instanceIds=[\"i-1\",\"i-2\"]`";
                    return null;
                }

                writer.WritePropertyName(key);
                WriteValue(writer, pair[(equals + 1)..]);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static void WriteValue(Utf8JsonWriter writer, string value)
    {
        try
        {
            using var json = JsonDocument.Parse(value);
            json.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(value);
        }
    }
}
