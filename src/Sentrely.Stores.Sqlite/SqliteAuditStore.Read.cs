using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Sentrely.Audit;

namespace Sentrely.Stores.Sqlite;

/// <content>Streaming reads with every <see cref="AuditQuery"/> filter.</content>
public sealed partial class SqliteAuditStore
{
    /// <inheritdoc />
    public async IAsyncEnumerable<AuditRecord> ReadAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "An audit query's limit cannot be negative.");
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = BuildSelect(query, command.Parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return SqliteAuditRows.Read(reader);
        }
    }

    private static string BuildSelect(AuditQuery query, SqliteParameterCollection parameters)
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

        Filter("sessionId = $sessionId", "$sessionId", query.SessionId);
        Filter("tool = $tool", "$tool", query.Tool);
        Filter("decision = $decision", "$decision", query.Decision);

        // Stored times are whole milliseconds, so comparing with the next whole millisecond is exact.
        Filter("time >= $since", "$since", query.Since is { } since ? AuditTime.Format(AuditTime.Ceiling(since)) : null);
        Filter("time < $until", "$until", query.Until is { } until ? AuditTime.Format(AuditTime.Ceiling(until)) : null);
        Filter("seq >= $afterSeq", "$afterSeq", query.AfterSeq);

        var sql = new StringBuilder("SELECT ").Append(SqliteAuditSchema.Columns).Append(" FROM audit_records");
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
            ? $"SELECT * FROM ({sql} ORDER BY seq DESC LIMIT {limitText}) ORDER BY seq;"
            : sql.Append(" ORDER BY seq LIMIT ").Append(limitText).Append(';').ToString();
    }
}
