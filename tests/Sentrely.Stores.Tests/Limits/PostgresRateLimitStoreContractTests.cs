using Sentrely.Limits;
using Sentrely.Stores.Tests.Postgres;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Limits;

public sealed class PostgresRateLimitStoreContractTests(PostgresFixture fixture) : RateLimitStoreContractTests, IClassFixture<PostgresFixture>
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

    protected override IRateLimitStore CreateStore() =>
        (_stores ?? throw new InvalidOperationException(PostgresFixture.UnavailableReason)).NewStore(Time).RateLimits!;

    [Fact]
    public async Task TryTake_FourReplicasRaceFor50Tokens_ExactlyCapacityAllowed()
    {
        // Arrange: 4 replicas × 25 takes on two buckets, one with capacity 50.
        var replicas = Enumerable.Range(0, 4).Select(_ => CreateStore()).ToList();
        var limited = new RateLimitBucket("developer:jordan", 50, TimeSpan.FromDays(1));
        var wide = new RateLimitBucket("project:p", 1000, TimeSpan.FromDays(1));

        // Act
        var results = await Task.WhenAll(replicas.Select(r => Task.Run(async () =>
        {
            var allowed = 0;
            for (var i = 0; i < 25; i++)
            {
                allowed += (await r.TryTakeAsync(i % 2 == 0 ? [limited, wide] : [wide, limited], default)).IsAllowed ? 1 : 0;
            }

            return allowed;
        })));

        // Assert
        Assert.Equal(50, results.Sum());
        Assert.Equal(0, await replicas[0].AvailableAsync(limited, default));
        Assert.Equal(950, await replicas[1].AvailableAsync(wide, default));
    }
}
