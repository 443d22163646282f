namespace Sentrely.Harness;

/// <summary>
/// One per-call run: latencies of the timed calls, the server's peak RSS (0 for the in-process SDK baseline), and what the
/// double saw: AssumeRole calls, distinct credential scopes among them, and authorized DescribeInstances requests.
/// </summary>
internal sealed record PerCallResult(string Label, Stats Latency, double PeakRssMiB, int AssumeRoles, int DistinctScopes, int Ec2Calls);
