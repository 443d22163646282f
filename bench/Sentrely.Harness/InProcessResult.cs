namespace Sentrely.Harness;

/// <summary>In-process figures: durable audit appends (latency per append, appends per second) and policy decision latency in µs.</summary>
internal sealed record InProcessResult(Stats AuditAppendMs, double AuditAppendsPerSecond, Stats PolicyDecisionMicroseconds);
