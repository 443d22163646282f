using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sentrely.Arguments;
using Sentrely.Configuration;
using Sentrely.Invocation;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Limits;

/// <summary>A hand-filled ledger, EC2 limits, and contexts of EC2 calls for stage and observer tests.</summary>
internal sealed class LimitsWorld
{
    public LimitsWorld(Ec2CostLimits? limits)
    {
        Ledger = new InMemoryInstanceLedger(Time);
        Config = ActiveConfiguration.From(new SentrelyConfig { Limits = new LimitsConfig { Ec2 = limits } });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public InMemoryInstanceLedger Ledger { get; }

    public ActiveConfiguration Config { get; }

    public SessionContext Jordan1 { get; } = Session("sess_jordan1", "jordan");

    public SessionContext Jordan2 { get; } = Session("sess_jordan2", "jordan");

    public SessionContext Sam { get; } = Session("sess_sam", "sam");

    public static SessionContext Session(string id, string developer) => new(id, developer, "backend-api", "agent", "test", "1.0", "stdio");

    /// <summary>Adds running (or stopped) instances to the ledger as if the session had launched them.</summary>
    public async Task<List<string>> LaunchedAsync(SessionContext session, string type, int count, LedgerInstanceState state = LedgerInstanceState.Running)
    {
        var instances = Enumerable.Range(0, count)
            .Select(_ => new LedgerInstance($"i-{Guid.NewGuid():N}"[..19], type, session.SessionId, session.Developer, session.Project, Time.GetUtcNow(), state))
            .ToList();
        await Ledger.RecordLaunchedAsync(instances, default);
        return instances.Select(i => i.InstanceId).ToList();
    }

    public ToolCallContext RunInstances(SessionContext session, string type, int count) =>
        Context(session, "run-instances", new() { ["instanceType"] = [type], ["count"] = [count.ToString(CultureInfo.InvariantCulture)], ["imageId"] = ["ami-0123456789abcdef0"] });

    public ToolCallContext InstanceCall(SessionContext session, string tool, IReadOnlyList<string> ids) =>
        Context(session, tool, new() { ["instanceIds"] = ids });

    public ValueTask<ToolCallRejection?> CheckAsync(ToolCallContext context) => new CostLimitStage(Ledger).ExecuteAsync(context, default);

    public static ToolInvocationResult RunResult(string type, params string[] ids) =>
        ToolInvocationResult.Success(
            JsonSerializer.SerializeToElement(new { reservationId = "r-1", instances = ids.Select(id => new { instanceId = id, instanceType = type, state = "pending" }) }),
            "launched",
            ["req-1"]);

    public static ToolInvocationResult StateResult(string current, params string[] ids) =>
        ToolInvocationResult.Success(
            JsonSerializer.SerializeToElement(new { instances = ids.Select(id => new { instanceId = id, previousState = "running", currentState = current }) }),
            "changed",
            ["req-2"]);

    private ToolCallContext Context(SessionContext session, string tool, Dictionary<string, IReadOnlyList<string>> values)
    {
        var handler = new FakeToolHandler(tool);
        return new ToolCallContext(new ToolCallRequest(session, tool, null, NoFileRoots.Instance, NoFileRoots.Instance), Identifiers.NewCallId(), Config)
        {
            Tool = new RegisteredTool(handler.Manifest(), handler),
            Arguments = new ValidatedArguments { Typed = new object(), Values = values },
        };
    }
}
