namespace Sentrely.Harness;

/// <summary>
/// One per-call run: latencies of the timed calls, the server's peak RSS after the handshake and after the run (0 for the in-process SDK baseline), and what the
/// double saw: AssumeRole calls, distinct credential scopes among them, and authorized DescribeInstances requests.
/// </summary>
internal sealed record PerCallResult(string Label, Stats Latency, double StartupRssMiB, double PeakRssMiB, int AssumeRoles, int DistinctScopes, int Ec2Calls)
{
    /// <summary>Gets the server's thread count at the end of the run (0 for the baseline).</summary>
    public int Threads { get; init; }
}
