using System.Globalization;
using System.Text;

namespace Sentrely.Harness;

/// <summary>
/// Builds the one table (measurement, variant, median, spread, target, verdict) and collects failures: correctness
/// failures always fail; targets fail the run only in smoke mode, and there only at gross-regression limits.
/// </summary>
internal sealed class Report(HarnessOptions options)
{
    private readonly StringBuilder _table = new StringBuilder()
        .AppendLine("| measurement | variant | median | spread | target | result |")
        .AppendLine("|---|---|---:|---|---|---|");

    public List<string> Failures { get; } = [];

    public List<string> Missed { get; } = [];

    public void ColdStart(IReadOnlyList<ColdStartResult> results)
    {
        var minimal = results.FirstOrDefault(r => r.Label == Labels.MinimalAot);
        foreach (var r in results)
        {
            var target = "";
            bool? ok = null;
            if (r.Label == Labels.Aot)
            {
                var limit = options.Smoke ? 1000 : Math.Min(150, minimal is null ? 150 : 1.5 * minimal.ToolsList.Median);
                target = options.Smoke ? "< 1000 ms (smoke)" : minimal is null ? "< 150 ms" : $"≤ 1.5× minimal AOT and < 150 ms (≤ {F(limit)})";
                ok = r.ToolsList.Median <= limit;
                Verdict(ok.Value, $"cold start {r.Label}: {F(r.ToolsList.Median)} ms, target {target}");
            }

            Row($"cold start → initialize", r.Label, r.Initialize.Median, "ms", $"{F(r.Initialize.Min)}–{F(r.Initialize.Max)}", "", null);
            Row($"cold start → tools/list ({r.Tools} tools)", r.Label, r.ToolsList.Median, "ms", $"{F(r.ToolsList.Min)}–{F(r.ToolsList.Max)}", target, ok);
        }
    }

    public void PerCall(IReadOnlyList<PerCallResult> sentrely, PerCallResult direct)
    {
        var expectedCalls = options.WarmUp + options.Calls;
        Row("describe-instances round trip", direct.Label, direct.Latency.Median, "ms", $"p99 {F(direct.Latency.P99)}", "", null);
        Check(direct.Ec2Calls == expectedCalls, $"{direct.Label}: the double saw {direct.Ec2Calls} DescribeInstances, expected {expectedCalls}");
        foreach (var r in sentrely)
        {
            Row("describe-instances round trip", r.Label, r.Latency.Median, "ms", $"p99 {F(r.Latency.P99)}", "", null);
            var overhead = r.Latency.Median - direct.Latency.Median;
            var p99Overhead = r.Latency.P99 - direct.Latency.P99;
            var limit = options.Smoke ? 25 : 2;
            var overheadOk = overhead < limit;
            Verdict(overheadOk, $"added latency {r.Label}: {F(overhead)} ms at the median, target < {limit} ms");
            Row("added per call (vs SDK direct)", r.Label, overhead, "ms", $"p99 +{F(p99Overhead)}", $"< {limit} ms median", overheadOk);

            var stsOk = r.AssumeRoles == 1 && r.DistinctScopes == 1;
            Check(stsOk, $"{r.Label}: {r.AssumeRoles} AssumeRole call(s) for {r.DistinctScopes} distinct scope(s) over {expectedCalls} calls; per-scope mode must assume exactly once");
            Check(r.Ec2Calls == expectedCalls, $"{r.Label}: the double saw {r.Ec2Calls} DescribeInstances, expected {expectedCalls}");
            RowText("AssumeRole calls (per-scope)", r.Label, $"{r.AssumeRoles}", $"{r.DistinctScopes} scope, {expectedCalls} calls", "exactly 1 per scope", stsOk);

            bool? rssOk = null;
            var rssTarget = "";
            if (r.Label == Labels.Aot)
            {
                var rssLimit = options.Smoke ? 200 : 60;
                rssOk = r.PeakRssMiB < rssLimit;
                rssTarget = $"< {rssLimit} MiB";
                Verdict(rssOk.Value, $"peak RSS {r.Label}: {F(r.PeakRssMiB)} MiB, target {rssTarget}");
            }

            Row("peak RSS (VmHWM) over the run", r.Label, r.PeakRssMiB, "MiB", $"{F(r.StartupRssMiB)} after initialize; {r.Threads} threads at the end", rssTarget, rssOk);
        }
    }

    public void InProcess(InProcessResult r)
    {
        Row("audit append (SQLite WAL, durable)", "in-process", r.AuditAppendMs.Median, "ms", $"p99 {F(r.AuditAppendMs.P99)}; {r.AuditAppendsPerSecond.ToString("F0", CultureInfo.InvariantCulture)} appends/s", "", null);
        Row("policy decision (200 rules)", "in-process", r.PolicyDecisionMicroseconds.Median, "µs", $"p99 {F(r.PolicyDecisionMicroseconds.P99)}", "", null);
    }

    public override string ToString() => _table.ToString();

    private void Row(string measurement, string variant, double median, string unit, string spread, string target, bool? ok) =>
        RowText(measurement, variant, $"{F(median)} {unit}", spread, target, ok);

    private void RowText(string measurement, string variant, string median, string spread, string target, bool? ok) =>
        _table.AppendLine(CultureInfo.InvariantCulture, $"| {measurement} | {variant} | {median} | {spread} | {target} | {(ok is null ? "" : ok.Value ? "met" : "MISSED")} |");

    // Targets: a miss fails a smoke run (whose limits are gross); a full run reports it.
    private void Verdict(bool ok, string message)
    {
        if (!ok)
        {
            (options.Smoke ? Failures : Missed).Add(message);
        }
    }

    private void Check(bool ok, string message)
    {
        if (!ok)
        {
            Failures.Add(message);
        }
    }

    private static string F(double value) => value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
}
