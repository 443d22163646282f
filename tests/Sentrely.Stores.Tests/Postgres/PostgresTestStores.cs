using Microsoft.Extensions.Time.Testing;
using Sentrely.Stores.Postgres;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Postgres;

/// <summary>The PostgreSQL stores of one test: a fresh schema in the class's database, every instance disposed at the end.</summary>
public sealed class PostgresTestStores : IAsyncDisposable
{
    private readonly List<PostgresStore> _stores = [];

    private PostgresTestStores(string connectionString) => ConnectionString = connectionString;

    /// <summary>Gets the connection string of the test's schema.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the test's schema.</summary>
    public static async Task<PostgresTestStores> CreateAsync(PostgresFixture fixture) => new(await fixture.NewSchemaAsync());

    /// <summary>Returns another store instance on the same schema (as another replica would have).</summary>
    public PostgresStore NewStore(TimeProvider? time = null)
    {
        var store = new PostgresStore(ConnectionString, time ?? new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)));
        _stores.Add(store);
        return store;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
