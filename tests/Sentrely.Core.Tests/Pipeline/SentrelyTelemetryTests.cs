using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Sentrely.Pipeline;

namespace Sentrely.Core.Tests.Pipeline;

public sealed class SentrelyTelemetryTests
{
    private const string Args = """{"bucket":"my-app-deployments","key":"builds/app.zip"}""";

    [Fact]
    public async Task RunAsync_Allowed_ParentActivityWithStageChildrenAndMeasurements()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        using var recorder = new TelemetryRecorder();

        var outcome = await fixture.CallAsync("put-thing", Args);

        var call = recorder.CallActivity(outcome.CallId);
        Assert.Equal("tools/call put-thing", call.DisplayName);
        Assert.Equal("put-thing", call.GetTagItem("sentrely.tool"));
        Assert.Equal(fixture.Session.SessionId, call.GetTagItem("sentrely.session_id"));
        Assert.Equal("allow", call.GetTagItem("sentrely.decision"));
        var stageNames = fixture.Pipeline.Stages.Select(s => s.GetType().Name);
        Assert.Equal([.. stageNames, "audit.intent", "credentials.vend", "invoke", "audit.outcome"], recorder.Children(call).Select(a => a.OperationName));
        var count = Assert.Single(recorder.Measurements(call, "sentrely.calls"));
        Assert.Equal(1d, count.Value);
        Assert.Equal("allow", count.Tags["decision"]);
        Assert.Equal("put-thing", count.Tags["tool"]);
        var duration = Assert.Single(recorder.Measurements(call, "sentrely.call.duration"));
        Assert.Equal("allow", duration.Tags["decision"]);
        Assert.True(duration.Value >= 0);
    }

    [Fact]
    public async Task RunAsync_UnknownTool_TaggedUnknownAndDenied()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        using var recorder = new TelemetryRecorder();

        var outcome = await fixture.CallAsync("evil\nname", "{}");

        var call = recorder.CallActivity(outcome.CallId);
        Assert.Equal("tools/call unknown", call.DisplayName);
        Assert.Equal("deny", call.GetTagItem("sentrely.decision"));
        Assert.Equal(["audit.intent", "audit.outcome"], recorder.Children(call).Select(a => a.OperationName));
        var count = Assert.Single(recorder.Measurements(call, "sentrely.calls"));
        Assert.Equal("deny", count.Tags["decision"]);
        Assert.Equal(SentrelyTelemetry.UnknownTool, count.Tags["tool"]);
    }

    [Fact]
    public async Task RunAsync_AfterCall_NoActivityLeftCurrent()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.False(outcome.IsError);
        Assert.Null(Activity.Current);
    }

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags, ActivityTraceId? TraceId);

    /// <summary>Listens to the Sentrely sources; other tests run in parallel, so results are filtered by trace.</summary>
    private sealed class TelemetryRecorder : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _activities = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();
        private readonly ActivityListener _activityListener;
        private readonly MeterListener _meterListener = new();

        public TelemetryRecorder()
        {
            _activityListener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == SentrelyTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _activities.Enqueue,
            };
            ActivitySource.AddActivityListener(_activityListener);
            _meterListener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SentrelyTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
            _meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
            _meterListener.Start();
        }

        public Activity CallActivity(string callId) =>
            Assert.Single(_activities, a => Equals(a.GetTagItem("sentrely.call_id"), callId));

        public IEnumerable<Activity> Children(Activity parent) =>
            _activities.Where(a => a.ParentSpanId == parent.SpanId && a.TraceId == parent.TraceId).OrderBy(a => a.StartTimeUtc);

        public IEnumerable<Measurement> Measurements(Activity call, string instrument) =>
            _measurements.Where(m => m.Instrument == instrument && m.TraceId == call.TraceId);

        public void Dispose()
        {
            _meterListener.Dispose();
            _activityListener.Dispose();
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _measurements.Enqueue(new Measurement(instrument.Name, value, copy, Activity.Current?.TraceId));
        }
    }
}
