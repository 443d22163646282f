using Sentrely.Limits;
using Sentrely.Stores.Tests.Postgres;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Limits;

public sealed class PostgresInstanceLedgerContractTests(PostgresFixture fixture) : InstanceLedgerContractTests, IClassFixture<PostgresFixture>
{
    private PostgresTestStores? _stores;

    public override async Task InitializeAsync() => _stores = await PostgresTestStores.CreateAsync(fixture);

    public override async Task DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }
    }

    protected override IInstanceLedger CreateLedger() =>
        (_stores ?? throw new InvalidOperationException(PostgresFixture.UnavailableReason)).NewStore(Time).Ledger!;

    [Fact]
    public async Task Reserve_FourReplicasRaceUnderACapOf10_NeverMoreThan10()
    {
        // Arrange: 4 replicas × 8 reservations of one instance each, developer cap 10.
        var replicas = Enumerable.Range(0, 4).Select(_ => CreateLedger()).ToList();

        // Act
        var reserved = await Task.WhenAll(replicas.Select((r, n) => Task.Run(async () =>
        {
            var count = 0;
            for (var i = 0; i < 8; i++)
            {
                var reservation = new LaunchReservation($"call_{n}_{i}", $"sess_{n}", "jordan", ["t3.micro"]);
                count += await r.ReserveAsync(reservation, u => u.DeveloperRunning + 1 > 10 ? OverCap : null, default) is null ? 1 : 0;
            }

            return count;
        })));

        // Assert
        Assert.Equal(10, reserved.Sum());
        Assert.Equal(10, (await replicas[0].UsageAsync("sess_0", "jordan", null, default)).DeveloperRunning);
    }
}
