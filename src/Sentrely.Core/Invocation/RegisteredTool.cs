using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Invocation;

/// <summary>Gets a curated tool: its reviewed manifest and the handler that implements it.</summary>
/// <param name="Manifest">The manifest.</param>
/// <param name="Handler">The handler.</param>
public sealed record RegisteredTool(ToolManifest Manifest, IToolHandler Handler)
{
    /// <summary>Gets how each argument appears to policy <c>when</c> conditions (from the input schema and the manifest).</summary>
    public IReadOnlyDictionary<string, ArgumentKind> ArgumentKinds { get; } = Policy.ArgumentKinds.Of(Handler.ArgumentsType, Manifest.BlobArguments);
}
