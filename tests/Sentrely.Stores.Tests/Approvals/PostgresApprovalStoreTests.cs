using Sentrely.Approval;
using Sentrely.Stores.Tests.Postgres;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Approvals;

public sealed class PostgresApprovalStoreTests(PostgresFixture fixture) : ApprovalStoreContractTests, IClassFixture<PostgresFixture>
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

    // Every instance is its own store (its own pool), as two replicas have.
    protected override IApprovalStore CreateStore() =>
        (_stores ?? throw new InvalidOperationException(PostgresFixture.UnavailableReason)).NewStore().Approvals;

    [Fact]
    public async Task Consume_ManyReplicasRaceForOneApproval_ExactlyOneGetsIt()
    {
        // Arrange
        var request = Candidate(FingerprintA, Start);
        await CreateStore().OpenAsync(request, Start, default);
        await CreateStore().DecideAsync(request.Id, true, "alex", null, Start.AddMinutes(1), Validity, default);
        var replicas = Enumerable.Range(0, 8).Select(_ => CreateStore()).ToList();

        // Act
        var results = await Task.WhenAll(replicas.Select((r, i) => Task.Run(async () => await r.ConsumeAsync(FingerprintA, $"call_{i}", Start.AddMinutes(2), default))));

        // Assert
        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task Open_ManyReplicasOpenTheSameCall_OneRequest()
    {
        // Arrange
        var replicas = Enumerable.Range(0, 8).Select(_ => CreateStore()).ToList();

        // Act
        var results = await Task.WhenAll(replicas.Select(r => Task.Run(async () => await r.OpenAsync(Candidate(FingerprintA, Start), Start, default))));

        // Assert
        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Record.Id).Distinct());
    }
}
