namespace Sentrely.Harness;

/// <summary>Order statistics of a sample, in milliseconds.</summary>
internal sealed record Stats(int Count, double Median, double P99, double Min, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        return new Stats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[0], sorted[^1]);
    }

    // Nearest-rank percentile, interpolated between the two neighbours for the median of an even count.
    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
