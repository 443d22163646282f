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
        var during = await ledger.UsageAsync("sess_a", "jordan", null, default);
        await ledger.ReleaseAsync("call_1", default);
        var after = await ledger.UsageAsync("sess_a", "jordan", null, default);

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
        Assert.Equal(0, (await ledger.UsageAsync("sess_a", "jordan", null, default)).DeveloperRunning);
    }

    [Fact]
    public async Task Reserve_NeverReleased_ExpiresAfterLifetime()
    {
        var ledger = CreateLedger();
        await ledger.ReserveAsync(new LaunchReservation("call_1", "sess_a", "jordan", ["t3.micro"]), _ => null, default);

        Time.Advance(InMemoryInstanceLedger.ReservationLifetime);

        Assert.Equal(0, (await ledger.UsageAsync("sess_a", "jordan", null, default)).DeveloperRunning);
    }

    [Fact]
    public async Task Usage_RunningInstances_CountedBySessionAndDeveloper()
    {
        // Arrange
        var ledger = CreateLedger();
        await ledger.RecordLaunchedAsync([Instance("i-1"), Instance("i-2", session: "sess_b"), Instance("i-3", session: "sess_c", developer: "sam")], default);

        // Act
        var usage = await ledger.UsageAsync("sess_a", "jordan", null, default);

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
        Assert.Equal(1, (await ledger.UsageAsync("sess_z", "alex", null, default)).SessionRunning);
    }

    [Fact]
    public async Task Usage_InstancesOfAnotherSessionOfTheGroup_CountAgainstTheSession()
    {
        // Arrange: sess_a (token t1) launched one and reserves one; sess_b is t1's next session, sess_c another token's.
        var ledger = CreateLedger();
        await ledger.RecordLaunchedAsync([Instance("i-1") with { Group = "token:t1" }, Instance("i-2", session: "sess_c") with { Group = "token:t2" }], default);
        await ledger.ReserveAsync(new LaunchReservation("call_1", "sess_a", "jordan", ["m5.large"], "token:t1"), _ => null, default);

        // Act
        var next = await ledger.UsageAsync("sess_b", "jordan", "token:t1", default);
        var own = await ledger.UsageAsync("sess_a", "jordan", "token:t1", default);
        var noGroup = await ledger.UsageAsync("sess_b", "jordan", null, default);

        // Assert: counted once each, whether by session or by group.
        Assert.Equal((1, 1, 3), (next.SessionByType["t3.micro"], next.SessionByType["m5.large"], next.DeveloperRunning));
        Assert.Equal(2, own.SessionRunning);
        Assert.Equal(0, noGroup.SessionRunning);
    }

    [Fact]
    public async Task MarkRunning_AnotherSession_MovesTheInstanceToItsGroup()
    {
        // Arrange
        var ledger = CreateLedger();
        await ledger.RecordLaunchedAsync([Instance("i-1") with { Group = "token:t1", State = LedgerInstanceState.Stopped }], default);
        var starter = new SessionContext("sess_z", "jordan", "backend-api", "agent", null, null, "http") { TokenId = "t2" };

        // Act
        var changed = await ledger.MarkRunningAsync(["i-1"], starter, default);

        // Assert
        Assert.Equal(1, changed);
        Assert.Equal("token:t2", Assert.Single(await ledger.FindAsync(["i-1"], default)).Group);
        Assert.Equal(1, (await ledger.UsageAsync("sess_next", "jordan", "token:t2", default)).SessionRunning);
        Assert.Equal(0, (await ledger.UsageAsync("sess_next", "jordan", "token:t1", default)).SessionRunning);
    }

    [Fact]
    public async Task Reserve_ConcurrentFromSeveralInstances_NeverExceedTheCap()
    {
        // Arrange: 4 instances (processes or replicas) × 5 reservations of one instance each, developer cap 7.
        var ledgers = Enumerable.Range(0, 4).Select(_ => CreateLedger()).ToList();

        // Act
        var reserved = await Task.WhenAll(ledgers.Select((l, n) => Task.Run(async () =>
        {
            var count = 0;
            for (var i = 0; i < 5; i++)
            {
                var reservation = new LaunchReservation($"call_{n}_{i}", $"sess_{n}", "jordan", ["t3.micro"], "developer:jordan");
                count += await l.ReserveAsync(reservation, u => u.DeveloperRunning + 1 > 7 ? OverCap : null, default) is null ? 1 : 0;
            }

            return count;
        })));

        // Assert
        Assert.Equal(7, reserved.Sum());
        Assert.Equal(7, (await CreateLedger().UsageAsync("sess_new", "jordan", "developer:jordan", default)).SessionRunning);
    }

    [Fact]
    public async Task MarkNotRunning_Running_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await CreateLedger().MarkNotRunningAsync(["i-1"], LedgerInstanceState.Running, default));
    }
}
