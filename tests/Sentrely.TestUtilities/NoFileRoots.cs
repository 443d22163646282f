using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.TestUtilities;

/// <summary>File roots and progress for tests that need neither.</summary>
public sealed class NoFileRoots : IFileRootProvider, IProgressReporter
{
    public static NoFileRoots Instance { get; } = new();

    public ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<string>>([]);

    public void Report(double progress, double? total, string message)
    {
    }
}
