using System.Diagnostics;

namespace Sentrely.Arguments.Tests;

/// <summary>Assertions shared by the argument rule tests.</summary>
internal static class Refusal
{
    /// <summary>Asserts that <paramref name="error"/> is a refusal naming <paramref name="argument"/>.</summary>
    public static string AssertNames(string? error, string argument)
    {
        Assert.NotNull(error);
        Assert.Contains($"`{argument}`", error, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Asserts that a check refuses a 1 MB value quickly, naming the argument, without quoting the value at length.</summary>
    public static void AssertRefusesHugeValue(Func<string, string?> check, string argument, char fill)
    {
        var huge = new string(fill, 1024 * 1024);
        var stopwatch = Stopwatch.StartNew();

        var error = check(huge);

        stopwatch.Stop();
        AssertNames(error, argument);
        Assert.True(error!.Length < 600, $"message is {error.Length} characters");
        Assert.DoesNotContain(new string(fill, ArgumentLimits.MaxQuotedLength + 1), error, StringComparison.Ordinal);
        Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"took {stopwatch.ElapsedMilliseconds} ms");
    }
}
