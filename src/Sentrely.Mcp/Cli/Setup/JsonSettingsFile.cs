using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sentrely.Mcp.Cli.Setup;

/// <summary>Reads and writes the JSON files Claude Code reads (<c>.mcp.json</c>, <c>settings.json</c>), strictly and atomically.</summary>
internal static class JsonSettingsFile
{
    /// <summary>Returns the file's root object (an empty one when the file does not exist), or null with <paramref name="problem"/> set.</summary>
    public static JsonObject? Read(string path, out string? problem)
    {
        problem = null;
        // The agent can write the project folder: a planted link would make us read, then replace, a file elsewhere.
        if (new FileInfo(path).LinkTarget is not null || new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).LinkTarget is not null)
        {
            problem = "it (or its folder) is a symbolic link; Sentrely does not write through links: replace it with a regular file";
            return null;
        }

        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            // Strict JSON, as Claude Code reads it: no comments, no trailing commas; duplicate keys are refused.
            var node = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (node is JsonObject root)
            {
                return root;
            }

            problem = "the top level is not a JSON object";
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON ({ex.Message})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read ({ex.Message})";
        }

        return null;
    }

    /// <summary>Returns the text <see cref="Write"/> would write for <paramref name="root"/>.</summary>
    public static string Render(JsonObject root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            root.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes <paramref name="root"/> through a temporary file in the same folder, so a reader never sees half a file.</summary>
    public static void Write(string path, JsonObject root)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.sentrely-{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, Render(root), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }
}
