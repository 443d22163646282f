using Sentrely.Limits;

namespace Sentrely.Stores.Tests.Limits;

/// <summary>The instance ledger in the SQLite file; every <see cref="CreateLedger"/> is another store instance on it, as another process has.</summary>
public sealed class SqliteInstanceLedgerContractTests : InstanceLedgerContractTests
{
    private readonly SqliteTestStores _stores = new();

    protected override IInstanceLedger CreateLedger() => _stores.NewStore(Time).Ledger!;

    public override async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task Usage_StoreClosedAndReopened_StillCountsRunningInstancesAndReservations()
    {
        // Arrange: a process records a launch and a reservation, then exits.
        var ledger = CreateLedger();
        await ledger.RecordLaunchedAsync([Instance("i-1") with { Group = "developer:jordan" }], default);
        await ledger.ReserveAsync(new LaunchReservation("call_1", "sess_a", "jordan", ["m5.large", "m5.large"], "developer:jordan"), _ => null, default);
        await _stores.CloseAllAsync();

        // Act: the next process, a new session of the same developer.
        var usage = await CreateLedger().UsageAsync("sess_next", "jordan", "developer:jordan", default);

        // Assert
        Assert.Equal((1, 2, 3), (usage.SessionByType["t3.micro"], usage.SessionByType["m5.large"], usage.DeveloperRunning));
    }
}
