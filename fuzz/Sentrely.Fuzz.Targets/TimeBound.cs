using System.Diagnostics;

namespace Sentrely.Fuzz;

/// <summary>Runs an action and turns "took too long" into a finding: the surfaces must never be slow on hostile input.</summary>
internal static class TimeBound
{
    /// <summary>Runs <paramref name="action"/> and throws when it took longer than <paramref name="limit"/>.</summary>
    /// <remarks>Limits are generous (the fuzzer shares a loaded machine); a super-linear algorithm blows through them anyway.</remarks>
    public static T Run<T>(string what, TimeSpan limit, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        FuzzInvariantException.Assert(clock.Elapsed <= limit, $"{what} took {clock.Elapsed.TotalMilliseconds:F0} ms; the bound is {limit.TotalMilliseconds:F0} ms");
        return result;
    }
}
