using System.Diagnostics;

namespace Sentrely.Harness;

/// <summary>
/// Launches each variant <c>launches</c> times, round-robin so drifting machine load hits every variant alike, after one
/// discarded warm-up launch each (page cache, the store's first creation).
/// </summary>
internal static class ColdStartBench
{
    public static async Task<IReadOnlyList<ColdStartResult>> RunAsync(
        IReadOnlyList<ServerCommand> variants, int launches, BenchWorld world, CancellationToken ct)
    {
        var initialize = variants.ToDictionary(v => v.Label, _ => new List<double>());
        var toolsList = variants.ToDictionary(v => v.Label, _ => new List<double>());
        var tools = new Dictionary<string, int>();
        for (var round = -1; round < launches; round++)
        {
            foreach (var variant in variants)
            {
                var (init, list, count) = await LaunchOnceAsync(variant, world, ct);
                tools[variant.Label] = count;
                if (round >= 0)
                {
                    initialize[variant.Label].Add(init);
                    toolsList[variant.Label].Add(list);
                }
            }
        }

        return variants.Select(v => new ColdStartResult(v.Label, Stats.Of(initialize[v.Label]), Stats.Of(toolsList[v.Label]), tools[v.Label])).ToList();
    }

    private static async Task<(double Initialize, double ToolsList, int Tools)> LaunchOnceAsync(ServerCommand variant, BenchWorld world, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var server = StdioServerProcess.Start(variant, world.WorkFolder, world.Environment);
        try
        {
            return await server.HandshakeAsync(clock, ct);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{variant.Label}: {ex.Message}\nstderr:\n{server.StderrTail()}", ex);
        }
        finally
        {
            await server.StopAsync(TimeSpan.FromSeconds(5));
        }
    }
}
