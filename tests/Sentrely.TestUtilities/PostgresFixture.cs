using Npgsql;
using Xunit;

namespace Sentrely.TestUtilities;

/// <summary>
/// A fresh PostgreSQL database for one test class (<c>sentrely_test_&lt;random&gt;</c>, dropped at the end) on the server
/// named by <c>SENTRELY_TEST_POSTGRES</c> (a connection string to an admin database; <c>test.sh</c> starts a throwaway
/// cluster and sets it). Each test takes its own schema in that database, so tests do not see each other's rows.
/// Without the variable the fixture is unavailable: under <c>CI=true</c> that is an error, never a silent skip.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming the admin connection string.</summary>
    public const string Variable = "SENTRELY_TEST_POSTGRES";

    private string? _databaseName;
    private string? _connectionString;

    /// <summary>Gets the connection string of this class's database; throws when no server is configured.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException(UnavailableReason ?? "the PostgreSQL fixture is not initialised");

    /// <summary>Gets why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }
        ? null
        : $"PostgreSQL tests need {Variable} (a connection string to an admin database); test.sh starts a throwaway cluster when PostgreSQL is installed";

    /// <summary>Gets a value indicating whether this run is CI (<c>CI=true</c>), where PostgreSQL tests must run.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } admin)
        {
            if (IsCi)
            {
                throw new InvalidOperationException($"CI=true but {Variable} is not set: the PostgreSQL store tests must run in CI");
            }

            return;
        }

        _databaseName = "sentrely_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_databaseName};", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _databaseName }.ConnectionString;
    }

    /// <summary>Creates an empty schema and returns a connection string whose search path is that schema.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema};", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Runs SQL as the admin user (past every trigger a test disables) on a connection string's database and schema.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_databaseName is null || Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } admin)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
