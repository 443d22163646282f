using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Sentrely.Auth;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Stores.Tests.Tokens;

public sealed class SqliteTokenStoreContractTests : TokenStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sentrely-token-contract", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStore> _stores = [];

    protected override ITokenStore CreateStore()
    {
        var store = new SqliteStore(Path.Combine(_root, "sentrely.db"), new FakeTimeProvider(Start));
        _stores.Add(store);
        return store.Tokens;
    }

    public override async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
