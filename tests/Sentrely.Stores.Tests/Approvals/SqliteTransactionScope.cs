using Microsoft.Data.Sqlite;

namespace Sentrely.Stores.Tests.Approvals;

/// <summary>A raw connection's open write transaction, standing for another process mid-write; disposing rolls back what was not committed.</summary>
internal sealed class SqliteTransactionScope(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
{
    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
