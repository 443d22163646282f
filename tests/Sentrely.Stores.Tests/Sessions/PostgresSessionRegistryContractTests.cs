using Sentrely.Sessions;
using Sentrely.Stores.Tests.Postgres;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Sessions;

public sealed class PostgresSessionRegistryContractTests(PostgresFixture fixture) : SessionRegistryContractTests, IClassFixture<PostgresFixture>
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

    protected override ISessionRegistry CreateRegistry() =>
        (_stores ?? throw new InvalidOperationException(PostgresFixture.UnavailableReason)).NewStore().Sessions;
}
