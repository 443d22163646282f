using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sentrely.Pipeline;

/// <summary>
/// The in-box tracing and metrics sources of the pipeline. Core references no OpenTelemetry package: an exporter
/// subscribes to <see cref="Name"/>. With no listener, starting an activity returns null and recording is a no-op.
/// Tags carry identifiers and decisions only — never arguments, credentials or messages.
/// </summary>
public static class SentrelyTelemetry
{
    /// <summary>The name of both the activity source and the meter.</summary>
    public const string Name = "Sentrely";

    /// <summary>The tool name used in tags when the requested tool is not a curated one (keeps hostile names out of metrics).</summary>
    public const string UnknownTool = "unknown";

    private static readonly Meter Meter = new(Name);

    /// <summary>Gets the activity source of calls and their stages.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Gets the counter of calls, tagged <c>decision</c> and <c>tool</c>.</summary>
    public static Counter<long> Calls { get; } = Meter.CreateCounter<long>("sentrely.calls", unit: "{call}", description: "Tool calls by audit decision and tool.");

    /// <summary>Gets the histogram of call durations in milliseconds, tagged <c>decision</c>.</summary>
    public static Histogram<double> CallDuration { get; } = Meter.CreateHistogram<double>("sentrely.call.duration", unit: "ms", description: "Duration of tool calls, from receipt to the outcome record.");

    /// <summary>Starts the activity of one call, or returns null when nobody listens.</summary>
    /// <param name="context">The call, with its tool already resolved (or not).</param>
    public static Activity? StartCall(ToolCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Source.HasListeners())
        {
            return null;
        }

        var tool = ToolTag(context);
        var activity = Source.StartActivity($"tools/call {tool}", ActivityKind.Internal);
        activity?.SetTag("sentrely.tool", tool);
        activity?.SetTag("sentrely.call_id", context.CallId);
        activity?.SetTag("sentrely.session_id", context.Request.Session.SessionId);
        return activity;
    }

    /// <summary>Starts the child activity of one pipeline step, or returns null when nobody listens.</summary>
    /// <param name="name">The step: a stage type name, <c>audit.intent</c>, <c>credentials.vend</c>, <c>invoke</c>, <c>audit.outcome</c>.</param>
    public static Activity? StartStep(string name) => Source.StartActivity(name, ActivityKind.Internal);

    /// <summary>Records the end of a call: the decision on its activity, one count and one duration. Call while the activity is current.</summary>
    /// <param name="activity">The call's activity, if any.</param>
    /// <param name="context">The call.</param>
    /// <param name="decision">The audit decision of the outcome.</param>
    /// <param name="elapsed">The call's duration.</param>
    public static void RecordCall(Activity? activity, ToolCallContext context, string decision, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(context);
        activity?.SetTag("sentrely.decision", decision);
        if (Calls.Enabled)
        {
            Calls.Add(1, new KeyValuePair<string, object?>("decision", decision), new KeyValuePair<string, object?>("tool", ToolTag(context)));
        }

        if (CallDuration.Enabled)
        {
            CallDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("decision", decision));
        }
    }

    private static string ToolTag(ToolCallContext context) => context.Tool?.Manifest.Name ?? UnknownTool;
}
