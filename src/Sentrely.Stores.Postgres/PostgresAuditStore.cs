using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using Sentrely.Audit;

namespace Sentrely.Stores.Postgres;

/// <summary>
/// The audit log in PostgreSQL, shared by every replica: one <c>audit_records</c> row per record, hash-chained.
/// An append reads the head and inserts the next record inside a transaction holding a constant
/// <c>pg_advisory_xact_lock</c>, so writers in any number of processes append one after another and never fork the
/// chain (the unique seq and prevHash columns would reject a fork even so). Triggers refuse UPDATE, DELETE and TRUNCATE.
/// </summary>
public sealed class PostgresAuditStore : IAuditStore
{
    private readonly PostgresDatabase _database;
    private readonly AuditSigner? _signer;

    internal PostgresAuditStore(PostgresDatabase database, AuditSigner? signer)
    {
        _database = database;
        _signer = signer;
    }

    /// <inheritdoc />
    public async ValueTask<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresDatabase.LockAsync(connection, transaction, PostgresDatabase.AuditAppendLock, cancellationToken).ConfigureAwait(false);
        var head = await ReadHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var stamped = record.Time == default ? record with { Time = _database.Time.GetUtcNow() } : record;
        var chained = AuditHashChain.Normalize(stamped) with
        {
            Seq = (head?.Seq ?? 0) + 1,
            PrevHash = head?.Hash ?? AuditHashChain.GenesisHash,
            Hash = "",
        };
        var hash = AuditHashChain.ComputeHash(chained);
        chained = chained with { Hash = hash, Hmac = _signer?.Sign(hash) };

        using (var insert = new NpgsqlCommand(PostgresAuditRows.InsertSql, connection, transaction))
        {
            PostgresAuditRows.AddParameters(insert, chained);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Not cancellable: once the row is written, committing is the only safe way out.
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return chained;
    }

    /// <inheritdoc />
    public async ValueTask<AuditHead?> GetHeadAsync(CancellationToken cancellationToken)
    {
        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeadAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditRecord> ReadAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "An audit query's limit cannot be negative.");
        }

        using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText = BuildSelect(query, command.Parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return PostgresAuditRows.Read(reader);
        }
    }

    private static string BuildSelect(AuditQuery query, NpgsqlParameterCollection parameters)
    {
        var where = new List<string>();
        void Filter(string sql, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(sql);
                parameters.AddWithValue(name, value);
            }
        }

        Filter("sessionId = @sessionId", "sessionId", query.SessionId is { } sessionId ? PostgresText.Encode(sessionId) : null);
        Filter("tool = @tool", "tool", query.Tool is { } tool ? PostgresText.Encode(tool) : null);
        Filter("decision = @decision", "decision", query.Decision is { } decision ? PostgresText.Encode(decision) : null);

        // Stored times are whole milliseconds, so comparing with the next whole millisecond is exact.
        Filter("time >= @since", "since", query.Since is { } since ? AuditTime.Ceiling(since) : null);
        Filter("time < @until", "until", query.Until is { } until ? AuditTime.Ceiling(until) : null);
        Filter("seq >= @afterSeq", "afterSeq", query.AfterSeq);

        var sql = new StringBuilder("SELECT ").Append(PostgresAuditRows.Columns).Append(" FROM audit_records");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        if (query.Limit is not { } limit)
        {
            return sql.Append(" ORDER BY seq;").ToString();
        }

        var limitText = limit.ToString(CultureInfo.InvariantCulture);
        return query.Tail
            ? $"SELECT * FROM ({sql} ORDER BY seq DESC LIMIT {limitText}) AS tail ORDER BY seq;"
            : sql.Append(" ORDER BY seq LIMIT ").Append(limitText).Append(';').ToString();
    }

    private static async Task<AuditHead?> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1;", connection, transaction);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditHead(reader.GetInt64(0), PostgresText.Decode(reader.GetString(1)))
            : null;
    }
}
