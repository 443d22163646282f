using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Mcp.Hosting;

/// <summary>The launched-instance ledger the tools and stages share: in the process until the runtime binds the store's.</summary>
internal sealed class SwitchableInstanceLedger(IInstanceLedger initial) : IInstanceLedger
{
    public IInstanceLedger Inner { get; set; } = initial;

    public ValueTask<LedgerUsage> UsageAsync(string sessionId, string developer, string? group, CancellationToken cancellationToken) =>
        Inner.UsageAsync(sessionId, developer, group, cancellationToken);

    public ValueTask<ToolCallRejection?> ReserveAsync(LaunchReservation reservation, Func<LedgerUsage, ToolCallRejection?> check, CancellationToken cancellationToken) =>
        Inner.ReserveAsync(reservation, check, cancellationToken);

    public ValueTask ReleaseAsync(string callId, CancellationToken cancellationToken) => Inner.ReleaseAsync(callId, cancellationToken);

    public ValueTask<IReadOnlyList<LedgerInstance>> FindAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken) => Inner.FindAsync(instanceIds, cancellationToken);

    public ValueTask RecordLaunchedAsync(IReadOnlyList<LedgerInstance> instances, CancellationToken cancellationToken) => Inner.RecordLaunchedAsync(instances, cancellationToken);

    public ValueTask<int> MarkRunningAsync(IReadOnlyCollection<string> instanceIds, SessionContext startedBy, CancellationToken cancellationToken) =>
        Inner.MarkRunningAsync(instanceIds, startedBy, cancellationToken);

    public ValueTask<int> MarkNotRunningAsync(IReadOnlyCollection<string> instanceIds, LedgerInstanceState state, CancellationToken cancellationToken) =>
        Inner.MarkNotRunningAsync(instanceIds, state, cancellationToken);
}
