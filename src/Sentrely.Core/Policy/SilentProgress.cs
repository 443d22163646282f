using Sentrely.Invocation;

namespace Sentrely.Policy;

/// <summary>Progress for explained calls, which never run.</summary>
internal sealed class SilentProgress : IProgressReporter
{
    public static SilentProgress Instance { get; } = new();

    public void Report(double progress, double? total, string message)
    {
    }
}
