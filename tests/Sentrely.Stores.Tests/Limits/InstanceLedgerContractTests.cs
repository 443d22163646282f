using Microsoft.Extensions.Time.Testing;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Stores.Tests.Limits;

/// <summary>The contract every <see cref="IInstanceLedger"/> meets; one subclass per backend.</summary>
public abstract class InstanceLedgerContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    protected static readonly ToolCallRejection OverCap = ToolCallRejection.Deny("cost-limit", "over the cap");

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Creates a ledger over this test's data that reads <see cref="Time"/>.</summary>
    protected abstract IInstanceLedger CreateLedger();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static LedgerInstance Instance(string id, string session = "sess_a", string developer = "jordan", string type = "t3.micro") =>
        new(id, type, session, developer, "backend-api", Start, LedgerInstanceState.Running);

    [Fact]
    public async Task Reserve_CheckPasses_CountedUntilReleased()
    {
        // Arrange
        var ledger = CreateLedger();
        LedgerUsage? seen = null;

        // Act
        var refusal = await ledger.ReserveAsync(new LaunchReservation("call_1", "sess_a", "jordan", ["t3.micro", "t3.micro", "m5.large"]), u => { seen = u; return null; }, default);
        var during = await ledger.UsageAsync("sess_a", "jordan", default);
        await ledger.ReleaseAsync("call_1", default);
        var after = await ledger.UsageAsync("sess_a", "jordan", default);

        // Assert
        Assert.Null(refusal);
        Assert.Equal(0, seen!.SessionRunning);
        Assert.Equal((2, 1, 3), (during.SessionByType["t3.micro"], during.SessionByType["m5.large"], during.DeveloperRunning));
        Assert.Equal((0, 0), (after.SessionRunning, after.DeveloperRunning));
    }

    [Fact]
    public async Task Reserve_CheckRefuses_NothingReserved()
    {
        var ledger = CreateLedger();

        var refusal = await ledger.ReserveAsync(new LaunchReservation("call_1", "sess_a", "jordan", ["t3.micro"]), _ => OverCap, default);

        Assert.Equal(OverCap, refusal);
        Assert.Equal(0, (await ledger.UsageAsync("sess_a", "jordan", default)).DeveloperRunning);
    }

    [Fact]
    public async Task Reserve_NeverReleased_ExpiresAfterLifetime()
    {
        var ledger = CreateLedger();
        await ledger.ReserveAsync(new LaunchReservation("call_1", "sess_a", "jordan", ["t3.micro"]), _ => null, default);

        Time.Advance(InMemoryInstanceLedger.ReservationLifetime);

        Assert.Equal(0, (await ledger.UsageAsync("sess_a", "jordan", default)).DeveloperRunning);
    }

    [Fact]
    public async Task Usage_RunningInstances_CountedBySessionAndDeveloper()
    {
        // Arrange
        var ledger = CreateLedger();
        await ledger.RecordLaunchedAsync([Instance("i-1"), Instance("i-2", session: "sess_b"), Instance("i-3", session: "sess_c", developer: "sam")], default);

        // Act
        var usage = await ledger.UsageAsync("sess_a", "jordan", default);

        // Assert
        Assert.Equal((1, 2), (usage.SessionRunning, usage.DeveloperRunning));
    }

    [Fact]
    public async Task MarkNotRunning_TerminatedIsFinal()
    {
        // Arrange
        var ledger = CreateLedger();
        await ledger.RecordLaunchedAsync([Instance("i-1"), Instance("i-2")], default);
        var session = new SessionContext("sess_z", "alex", "infra", "agent", null, null, "http");

        // Act
        var stopped = await ledger.MarkNotRunningAsync(["i-1", "i-2", "i-unknown"], LedgerInstanceState.Stopped, default);
        var terminated = await ledger.MarkNotRunningAsync(["i-2"], LedgerInstanceState.Terminated, default);
        var restarted = await ledger.MarkRunningAsync(["i-1", "i-2"], session, default);
        var again = await ledger.MarkRunningAsync(["i-1"], session, default);
        var found = await ledger.FindAsync(["i-1", "i-2", "i-unknown"], default);

        // Assert
        Assert.Equal((2, 1, 1, 0), (stopped, terminated, restarted, again));
        Assert.Equal(
            [("i-1", LedgerInstanceState.Running, "sess_z", "alex"), ("i-2", LedgerInstanceState.Terminated, "sess_a", "jordan")],
            found.OrderBy(i => i.InstanceId, StringComparer.Ordinal).Select(i => (i.InstanceId, i.State, i.SessionId, i.Developer)));
        Assert.Equal(1, (await ledger.UsageAsync("sess_z", "alex", default)).SessionRunning);
    }

    [Fact]
    public async Task MarkNotRunning_Running_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await CreateLedger().MarkNotRunningAsync(["i-1"], LedgerInstanceState.Running, default));
    }
}
