using System.Globalization;

namespace Sentrely.Audit;

/// <summary>Gets the one text form of audit times: UTC, millisecond precision, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
/// <remarks>
/// The form sorts lexicographically in time order, so stores can keep it as text and still filter by range,
/// and it is what the hash chain covers: a time survives storage exactly once truncated to milliseconds.
/// </remarks>
public static class AuditTime
{
    /// <summary>Gets the format string of <see cref="Format"/>.</summary>
    public const string FormatString = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Returns <paramref name="time"/> in UTC, truncated to whole milliseconds.</summary>
    /// <param name="time">The time.</param>
    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Returns the smallest whole-millisecond UTC time not before <paramref name="time"/>.</summary>
    /// <param name="time">The time.</param>
    public static DateTimeOffset Ceiling(DateTimeOffset time)
    {
        var truncated = Truncate(time);
        var unrepresentable = truncated.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerMillisecond;
        return truncated.UtcTicks == time.UtcTicks || unrepresentable ? truncated : truncated.AddMilliseconds(1);
    }

    /// <summary>Returns the canonical text of <paramref name="time"/>, for example <c>2025-01-31T09:15:02.123Z</c>.</summary>
    /// <param name="time">The time; converted to UTC and truncated to milliseconds.</param>
    public static string Format(DateTimeOffset time) =>
        Truncate(time).ToString(FormatString, CultureInfo.InvariantCulture);

    /// <summary>Parses the canonical text written by <see cref="Format"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="time">The parsed UTC time.</param>
    /// <returns>Whether <paramref name="text"/> is in the canonical form.</returns>
    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            text,
            FormatString,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
}
