using System.Diagnostics;
using System.Globalization;
using Sentrely.Audit;
using Sentrely.Benchmarks;
using Sentrely.Policy;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Harness;

/// <summary>
/// The production SqliteAuditStore (WAL, a committed transaction per append, hash chain) appending one record at a time,
/// and PolicyEvaluator deciding one call against the 200-rule benchmark policy.
/// </summary>
internal static class InProcessBench
{
    public static async Task<InProcessResult> RunAsync(string folder, int appends, CancellationToken ct)
    {
        var (appendStats, perSecond) = await AuditAppendAsync(Path.Combine(folder, "audit-bench", "audit.db"), appends, ct);
        return new InProcessResult(appendStats, perSecond, PolicyDecision());
    }

    private static async Task<(Stats, double)> AuditAppendAsync(string path, int appends, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var store = new SqliteAuditStore(path, TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            await store.AppendAsync(Record(i), ct);
        }

        var samples = new List<double>(appends);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < appends; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await store.AppendAsync(Record(i), ct);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (Stats.Of(samples), appends / total.Elapsed.TotalSeconds);
    }

    private static Stats PolicyDecision()
    {
        var evaluator = new PolicyEvaluator(BenchmarkPolicy.Rules());
        var request = BenchmarkPolicy.Request;
        if (!evaluator.Evaluate(request).Allowed)
        {
            throw new InvalidOperationException("the benchmark call must be allowed");
        }

        const int batch = 1000;
        var samples = new List<double>();
        for (var round = 0; round < 60; round++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch; i++)
            {
                evaluator.Evaluate(request);
            }

            // The first rounds warm the JIT (tiered compilation); they are dropped.
            if (round >= 10)
            {
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / batch);
            }
        }

        return Stats.Of(samples);
    }

    private static AuditRecord Record(int i) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        CallId = "call-" + i.ToString(CultureInfo.InvariantCulture),
        Time = default,
        Phase = "intent",
        SessionId = "bench-session",
        Developer = "jordan",
        Project = "backend-api",
        Actor = "agent",
        Client = "claude-code/2.1.197",
        Transport = "stdio",
        Tool = "describe-instances",
        Arguments = """{"maxResults":50}""",
        Resources = ["*"],
        Decision = "allow",
        RuleIds = ["read-instances"],
        RoleArn = BenchWorld.ReadRole,
    };
}
