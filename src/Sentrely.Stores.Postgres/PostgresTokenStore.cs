using Sentrely.Stores;
using Npgsql;
using Sentrely.Auth;

namespace Sentrely.Stores.Postgres;

/// <summary>Team-server tokens in PostgreSQL (table <c>tokens</c>): hashes only.</summary>
public sealed class PostgresTokenStore : ITokenStore
{
    private const string Columns = "id, name, developer, project, roles, tools, secretHash, createdBy, created, expires, revoked";

    private readonly PostgresDatabase _database;

    internal PostgresTokenStore(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public async ValueTask CreateAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"INSERT INTO tokens ({Columns}) VALUES (@id, @name, @developer, @project, @roles, @tools, @hash, @by, @created, @expires, NULL);",
            connection);
        var p = command.Parameters;
        p.AddWithValue("id", token.Id);
        p.AddWithValue("name", token.Name);
        p.AddWithValue("developer", token.Developer);
        p.AddWithValue("project", token.Project);
        p.AddWithValue("roles", JsonArrayColumns.ToJsonArray(token.Roles));
        p.AddWithValue("tools", token.Tools is { } tools ? JsonArrayColumns.ToJsonArray(tools) : DBNull.Value);
        p.AddWithValue("hash", token.SecretHash);
        p.AddWithValue("by", token.CreatedBy);
        p.AddWithValue("created", PostgresTime.Value(token.Created));
        p.AddWithValue("expires", PostgresTime.Optional(token.Expires));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ApiToken?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = await ReadAsync($"SELECT {Columns} FROM tokens WHERE id = @id;", id, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM tokens ORDER BY created DESC, id;", null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> RevokeAsync(string id, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand("UPDATE tokens SET revoked = @time WHERE id = @id AND revoked IS NULL;", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("time", PostgresTime.Value(time));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async ValueTask<IReadOnlyList<ApiToken>> ReadAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        if (id is not null)
        {
            command.Parameters.AddWithValue("id", id);
        }

        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tokens = new List<ApiToken>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = $"token {reader.GetString(0)}";
            tokens.Add(new ApiToken
            {
                Id = reader.GetString(0),
                Name = reader.GetString(1),
                Developer = reader.GetString(2),
                Project = reader.GetString(3),
                Roles = JsonArrayColumns.FromJsonArray(reader.GetString(4), row, "roles"),
                Tools = reader.IsDBNull(5) ? null : JsonArrayColumns.FromJsonArray(reader.GetString(5), row, "tools"),
                SecretHash = reader.GetString(6),
                CreatedBy = reader.GetString(7),
                Created = reader.GetFieldValue<DateTimeOffset>(8),
                Expires = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                Revoked = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            });
        }

        return tokens;
    }
}
