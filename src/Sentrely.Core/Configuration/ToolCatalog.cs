namespace Sentrely.Configuration;

/// <summary>Gets the curated tools the configuration may name, with their argument names (from the manifests and handlers).</summary>
/// <param name="ArgumentsByTool">The argument names of each tool, by tool name.</param>
public sealed record ToolCatalog(IReadOnlyDictionary<string, IReadOnlySet<string>> ArgumentsByTool);
