using Sentrely.Arguments;

namespace Sentrely.Policy;

/// <summary>A fixed list of folders <c>path</c> arguments may read (for explained calls, which have no MCP client).</summary>
/// <param name="roots">The folders, the first one resolving relative paths.</param>
public sealed class FixedFileRoots(IReadOnlyList<string> roots) : IFileRootProvider
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(roots);
}
