using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Sentrely.Sessions;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Stores.Tests.Sessions;

public sealed class SqliteSessionRegistryContractTests : SessionRegistryContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sentrely-session-contract", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStore> _stores = [];

    protected override ISessionRegistry CreateRegistry()
    {
        var store = new SqliteStore(Path.Combine(_root, "sentrely.db"), new FakeTimeProvider(Start));
        _stores.Add(store);
        return store.Sessions;
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
