namespace Sentrely.Arguments;

/// <summary>Gets the facts argument validation needs beyond the arguments themselves.</summary>
/// <param name="Partition">The configured partition; ARNs of others are refused.</param>
/// <param name="Region">The configured region; ARNs of others are refused.</param>
/// <param name="AccountId">The configured account; ARNs of others are refused.</param>
/// <param name="FileRoots">Resolves the folders <c>path</c> arguments may read (MCP roots and <c>files.roots</c>).</param>
public sealed record ArgumentContext(string Partition, string Region, string AccountId, IFileRootProvider FileRoots);

/// <summary>Gets the folders <c>path</c> arguments may read.</summary>
public interface IFileRootProvider
{
    /// <summary>Returns the allowed roots as absolute paths (a root may be a link; nothing below it is followed); the first MCP root first.</summary>
    /// <param name="cancellationToken">The cancellation token.</param>
    ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken);
}
