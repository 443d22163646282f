using Sentrely.Stores;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Sentrely.Audit;
using Sentrely.Auth;

namespace Sentrely.Stores.Sqlite;

/// <summary>Team-server tokens in the audit store's SQLite file (table <c>tokens</c>, schema version 5): hashes only.</summary>
public sealed class SqliteTokenStore : ITokenStore
{
    private const string Columns = "id, name, developer, project, roles, tools, secretHash, createdBy, created, expires, revoked";

    private readonly SqliteAuditStore _store;

    /// <summary>Initializes a new instance of the <see cref="SqliteTokenStore"/> class over the audit store's file.</summary>
    /// <param name="store">The audit store whose database holds the tokens.</param>
    public SqliteTokenStore(SqliteAuditStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public async ValueTask CreateAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO tokens ({Columns}) VALUES ($id, $name, $developer, $project, $roles, $tools, $hash, $by, $created, $expires, NULL);";
        command.Parameters.AddWithValue("$id", token.Id);
        command.Parameters.AddWithValue("$name", token.Name);
        command.Parameters.AddWithValue("$developer", token.Developer);
        command.Parameters.AddWithValue("$project", token.Project);
        command.Parameters.AddWithValue("$roles", JsonArrayColumns.ToJsonArray(token.Roles));
        command.Parameters.AddWithValue("$tools", token.Tools is { } tools ? JsonArrayColumns.ToJsonArray(tools) : DBNull.Value);
        command.Parameters.AddWithValue("$hash", token.SecretHash);
        command.Parameters.AddWithValue("$by", token.CreatedBy);
        command.Parameters.AddWithValue("$created", AuditTime.Format(token.Created));
        command.Parameters.AddWithValue("$expires", token.Expires is { } expires ? AuditTime.Format(expires) : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ApiToken?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var found = await ReadAsync($"SELECT {Columns} FROM tokens WHERE id = $id;", id, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM tokens ORDER BY created DESC, id;", null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> RevokeAsync(string id, DateTimeOffset time, CancellationToken cancellationToken)
    {
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tokens SET revoked = $time WHERE id = $id AND revoked IS NULL;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$time", AuditTime.Format(time));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, AuditTime.FormatString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private async ValueTask<IReadOnlyList<ApiToken>> ReadAsync(string sql, string? id, CancellationToken cancellationToken)
    {
        using var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
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
                Created = Time(reader.GetString(8)),
                Expires = reader.IsDBNull(9) ? null : Time(reader.GetString(9)),
                Revoked = reader.IsDBNull(10) ? null : Time(reader.GetString(10)),
            });
        }

        return tokens;
    }
}
