using Sentrely.Auth;
using Sentrely.Stores.Tests.Postgres;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Tokens;

public sealed class PostgresTokenStoreContractTests(PostgresFixture fixture) : TokenStoreContractTests, IClassFixture<PostgresFixture>
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

    protected override ITokenStore CreateStore() =>
        (_stores ?? throw new InvalidOperationException(PostgresFixture.UnavailableReason)).NewStore().Tokens;
}
