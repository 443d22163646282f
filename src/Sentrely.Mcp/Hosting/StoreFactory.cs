using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Stores;
using Sentrely.Stores.Postgres;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Hosting;

/// <summary>Opens the store the configuration names: <c>store.postgres</c> for several replicas, else the SQLite file.</summary>
internal static class StoreFactory
{
    /// <summary>Returns the store; <paramref name="sqlitePath"/> is used when no PostgreSQL store is configured (and always for the sandbox).</summary>
    public static ISentrelyStore Open(SentrelyConfig config, string sqlitePath, TimeProvider time, AuditSigner? signer, bool sandbox = false) =>
        config.Store.Postgres is { } connection && !sandbox
            ? new PostgresStore(connection, time, signer)
            : new SqliteStore(sqlitePath, time, signer);
}
