using System.Text.Json.Nodes;

namespace Sentrely.Mcp.Cli.Setup;

/// <summary>What merging into one JSON file would do: the new content, or why the file is left alone.</summary>
/// <param name="Path">The file.</param>
/// <param name="Root">The merged content; null when <paramref name="Problem"/> is set.</param>
/// <param name="Changes">One line per addition or replacement; empty when the file already says everything.</param>
/// <param name="Problem">Why the file cannot be merged (it is then never written).</param>
internal sealed record SetupChange(string Path, JsonObject? Root, IReadOnlyList<string> Changes, string? Problem)
{
    /// <summary>Returns a change that refuses <paramref name="path"/>.</summary>
    public static SetupChange Refused(string path, string problem) => new(path, null, [], problem);
}
