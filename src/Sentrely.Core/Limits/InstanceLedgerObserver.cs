using System.Text.Json;
using Sentrely.Invocation;
using Sentrely.Pipeline;

namespace Sentrely.Limits;

/// <summary>
/// Keeps the <see cref="IInstanceLedger"/> current from what AWS answered: run-instances adds the launched
/// instances, stop/terminate-instances mark them not running, start-instances marks known ones running again.
/// Failed calls change nothing but release the call's reservation.
/// </summary>
public sealed class InstanceLedgerObserver : IToolCallObserver
{
    private readonly IInstanceLedger _ledger;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InstanceLedgerObserver"/> class.</summary>
    /// <param name="ledger">The ledger to keep current.</param>
    /// <param name="time">The clock for launch times.</param>
    public InstanceLedgerObserver(IInstanceLedger ledger, TimeProvider time)
    {
        _ledger = ledger;
        _time = time;
    }

    /// <inheritdoc />
    public async ValueTask OnInvokedAsync(ToolCallContext context, ToolInvocationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        var tool = context.Tool?.Manifest.Name;
        if (tool is not (Ec2ToolNames.RunInstances or Ec2ToolNames.StartInstances or Ec2ToolNames.StopInstances or Ec2ToolNames.TerminateInstances))
        {
            return;
        }

        // Record first, then release, so the instances are never uncounted in between.
        if (result.Succeeded)
        {
            var ids = ResultIds(result.Structured) ?? Argument(context, "instanceIds");
            switch (tool)
            {
                case Ec2ToolNames.RunInstances:
                    await _ledger.RecordLaunchedAsync(Launched(context, result.Structured), cancellationToken).ConfigureAwait(false);
                    break;
                case Ec2ToolNames.StartInstances:
                    await _ledger.MarkRunningAsync(ids, context.Request.Session, cancellationToken).ConfigureAwait(false);
                    break;
                case Ec2ToolNames.StopInstances:
                    await _ledger.MarkNotRunningAsync(ids, LedgerInstanceState.Stopped, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await _ledger.MarkNotRunningAsync(ids, LedgerInstanceState.Terminated, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        await _ledger.ReleaseAsync(context.CallId, cancellationToken).ConfigureAwait(false);
    }

    private List<LedgerInstance> Launched(ToolCallContext context, JsonElement? structured)
    {
        var session = context.Request.Session;
        var requestedType = Argument(context, "instanceType").Single();
        var now = _time.GetUtcNow();
        var launched = new List<LedgerInstance>();
        if (structured is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("instances", out var instances) && instances.ValueKind == JsonValueKind.Array)
        {
            foreach (var instance in instances.EnumerateArray())
            {
                if (Text(instance, "instanceId") is { } id)
                {
                    launched.Add(new LedgerInstance(id, Text(instance, "instanceType") ?? requestedType, session.SessionId, session.Developer, session.Project, now, LedgerInstanceState.Running, SessionGroup.Of(session)));
                }
            }
        }

        if (launched.Count == 0)
        {
            // AWS said yes but the result names no instance: count the requested ones anyway (fail closed).
            var count = int.Parse(Argument(context, "count").Single(), System.Globalization.CultureInfo.InvariantCulture);
            launched.AddRange(Enumerable.Range(0, count).Select(i =>
                new LedgerInstance($"unknown:{context.CallId}:{i}", requestedType, session.SessionId, session.Developer, session.Project, now, LedgerInstanceState.Running, SessionGroup.Of(session))));
        }

        return launched;
    }

    private static List<string>? ResultIds(JsonElement? structured)
    {
        if (structured is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("instances", out var instances) || instances.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var ids = instances.EnumerateArray().Select(i => Text(i, "instanceId")).OfType<string>().ToList();
        return ids.Count == 0 ? null : ids;
    }

    private static IReadOnlyList<string> Argument(ToolCallContext context, string name) =>
        context.Arguments?.Values.GetValueOrDefault(name) ?? [];

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
