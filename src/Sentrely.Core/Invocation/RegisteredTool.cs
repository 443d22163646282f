using Sentrely.Manifests;

namespace Sentrely.Invocation;

/// <summary>Gets a curated tool: its reviewed manifest and the handler that implements it.</summary>
/// <param name="Manifest">The manifest.</param>
/// <param name="Handler">The handler.</param>
public sealed record RegisteredTool(ToolManifest Manifest, IToolHandler Handler);
