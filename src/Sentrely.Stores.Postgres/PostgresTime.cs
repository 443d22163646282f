using Sentrely.Audit;

namespace Sentrely.Stores.Postgres;

/// <summary>Times as <c>timestamptz</c> values: UTC, truncated to the millisecond as the SQLite store keeps them.</summary>
internal static class PostgresTime
{
    /// <summary>Returns the value to bind for <paramref name="time"/>.</summary>
    public static DateTimeOffset Value(DateTimeOffset time) => AuditTime.Truncate(time);

    /// <summary>Returns the value to bind for an optional time.</summary>
    public static object Optional(DateTimeOffset? time) => time is { } t ? Value(t) : DBNull.Value;

    /// <summary>Returns the value to bind for an optional string.</summary>
    public static object Optional(string? text) => (object?)text ?? DBNull.Value;
}
