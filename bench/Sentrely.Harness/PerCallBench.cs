using System.Diagnostics;

namespace Sentrely.Harness;

/// <summary>
/// N allowed <c>describe-instances</c> calls through a Sentrely stdio server (after a warm-up), one at a time, each timed
/// from the request write to the response line. Credentials are vended once and then cached (<c>reuse: per-scope</c>).
/// </summary>
internal static class PerCallBench
{
    public static async Task<PerCallResult> RunAsync(ServerCommand variant, BenchWorld world, int warmUp, int calls, CancellationToken ct)
    {
        world.Double.ClearRecords();
        var clock = Stopwatch.StartNew();
        using var server = StdioServerProcess.Start(variant, world.WorkFolder, world.Environment);
        var samples = new List<double>(calls);
        double startupRss, rss;
        int threads;
        try
        {
            await server.HandshakeAsync(clock, ct);
            startupRss = server.PeakRssMiB();
            for (var i = 0; i < warmUp; i++)
            {
                await server.CallToolAsync("describe-instances", "{}", ct);
            }

            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await server.CallToolAsync("describe-instances", "{}", ct);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            rss = server.PeakRssMiB();
            threads = server.Threads();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{variant.Label}: {ex.Message}\nstderr:\n{server.StderrTail()}", ex);
        }
        finally
        {
            await server.StopAsync(TimeSpan.FromSeconds(5));
        }

        return Summarize(variant.Label, world, samples, startupRss, rss) with { Threads = threads };
    }

    /// <summary>Summarizes a run from the double's records (taken since the last <c>ClearRecords</c>).</summary>
    public static PerCallResult Summarize(string label, BenchWorld world, IReadOnlyCollection<double> samples, double startupRss, double rss)
    {
        var assumeRoles = world.Double.AssumeRoles;
        var scopes = assumeRoles
            .Select(a => string.Join('\n', [a.RoleArn, a.Policy ?? "", .. a.Tags.Select(t => t.Key + "=" + t.Value), a.SourceIdentity ?? ""]))
            .Distinct(StringComparer.Ordinal)
            .Count();
        var ec2 = world.Double.Requests.Count(r => r.Authorized && r.Action == "ec2:DescribeInstances");
        return new PerCallResult(label, Stats.Of(samples), startupRss, rss, assumeRoles.Count, scopes, ec2);
    }
}
