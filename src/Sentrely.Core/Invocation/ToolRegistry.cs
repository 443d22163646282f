using System.Collections.Frozen;
using Sentrely.Manifests;

namespace Sentrely.Invocation;

/// <summary>
/// Gets the curated tools: every manifest paired with exactly one handler of the same name. A manifest
/// without a handler or a handler without a manifest is a build/startup error, never a silently missing tool.
/// </summary>
public sealed class ToolRegistry
{
    private readonly FrozenDictionary<string, RegisteredTool> _tools;

    private ToolRegistry(IReadOnlyList<RegisteredTool> tools)
    {
        Tools = tools;
        _tools = tools.ToFrozenDictionary(t => t.Manifest.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the tools in manifest order.</summary>
    public IReadOnlyList<RegisteredTool> Tools { get; }

    /// <summary>Pairs manifests with handlers; throws <see cref="InvalidOperationException"/> listing every mismatch.</summary>
    /// <param name="manifests">The embedded manifests.</param>
    /// <param name="handlers">The handlers.</param>
    public static ToolRegistry Create(IReadOnlyList<ToolManifest> manifests, IEnumerable<IToolHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var byName = new Dictionary<string, IToolHandler>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var handler in handlers)
        {
            if (!byName.TryAdd(handler.Name, handler))
            {
                errors.Add($"two handlers are named `{handler.Name}`");
            }
        }

        var tools = new List<RegisteredTool>();
        foreach (var manifest in manifests)
        {
            if (byName.Remove(manifest.Name, out var handler))
            {
                tools.Add(new RegisteredTool(manifest, handler));
                errors.AddRange(ManifestHandlerCheck.Check(manifest, handler));
            }
            else
            {
                errors.Add($"manifest `{manifest.Name}` ({manifest.Source}) has no handler");
            }
        }

        errors.AddRange(byName.Keys.Select(name => $"handler `{name}` has no manifest in tool-manifests/"));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The curated tools are inconsistent:\n  " + string.Join("\n  ", errors));
        }

        return new ToolRegistry(tools);
    }

    /// <summary>Returns the tool named <paramref name="name"/>, or null.</summary>
    /// <param name="name">The tool name.</param>
    public RegisteredTool? Find(string name) => _tools.GetValueOrDefault(name);
}
