using Microsoft.Data.Sqlite;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Stores.Tests.Limits;

/// <summary>The SQLite stores of one test: one file, any number of store instances on it (as separate processes have), all disposed at the end.</summary>
public sealed class SqliteTestStores : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sentrely-limits-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStore> _stores = [];

    /// <summary>Gets the database file.</summary>
    public string DatabasePath => Path.Combine(_root, "sentrely.db");

    /// <summary>Returns another store instance on the file.</summary>
    /// <param name="time">The clock.</param>
    public SqliteStore NewStore(TimeProvider time)
    {
        var store = new SqliteStore(DatabasePath, time);
        _stores.Add(store);
        return store;
    }

    /// <summary>Closes every store instance and pooled connection, as if every process had exited.</summary>
    public async Task CloseAllAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Runs <paramref name="sql"/> on the file outside any store.</summary>
    /// <param name="sql">The statements.</param>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAllAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
