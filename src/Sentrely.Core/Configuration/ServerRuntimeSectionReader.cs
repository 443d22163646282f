using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>
/// Reads the parts of the <c>server</c> section that bound what a caller can do to the team server itself: <c>files</c>
/// (server-side roots), <c>approvals</c>, <c>sessions</c> and <c>limits</c>. Out-of-range values are errors, never clamped.
/// </summary>
internal static class ServerRuntimeSectionReader
{
    /// <summary>The most bytes <c>server.limits.maxRequestBytes</c> accepts (256 MiB).</summary>
    public const long MaxRequestBytesCeiling = 256L * 1024 * 1024;

    private static readonly string[] ApprovalsKeys = ["inSession"];
    private static readonly string[] SessionsKeys = ["idleTimeout"];
    private static readonly string[] LimitsKeys = ["concurrentCallsPerToken", "sessionsPerToken", "maxRequestBytes"];
    private static readonly TimeSpan MinIdle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxIdle = TimeSpan.FromHours(24);

    /// <summary>Returns <paramref name="config"/> with the keys of <paramref name="map"/> this reader owns applied.</summary>
    public static ServerConfig Read(YamlNodeReader reader, Dictionary<string, YamlNode> map, ServerConfig config, string? home)
    {
        if (map.TryGetValue("files", out var files) && !YamlNodeReader.IsNull(files))
        {
            config = config with { Files = LocalSectionsReader.ReadFiles(reader, files, home, "server.files") };
        }

        if (map.TryGetValue("approvals", out var approvals) && !YamlNodeReader.IsNull(approvals)
            && reader.Mapping(approvals, "server.approvals", ApprovalsKeys) is { } a && a.TryGetValue("inSession", out var inSession))
        {
            config = config with { Approvals = new ServerApprovalsConfig { InSession = ReadBool(reader, inSession) } };
        }

        if (map.TryGetValue("sessions", out var sessions) && !YamlNodeReader.IsNull(sessions)
            && reader.Mapping(sessions, "server.sessions", SessionsKeys) is { } s && s.TryGetValue("idleTimeout", out var idle)
            && ReadIdle(reader, idle) is { } timeout)
        {
            config = config with { Sessions = new ServerSessionsConfig { IdleTimeout = timeout } };
        }

        if (map.TryGetValue("limits", out var limits) && !YamlNodeReader.IsNull(limits)
            && reader.Mapping(limits, "server.limits", LimitsKeys) is { } l)
        {
            var defaults = config.Limits;
            config = config with
            {
                Limits = new ServerLimitsConfig
                {
                    ConcurrentCallsPerToken = (int)(ReadLimit(reader, l, "concurrentCallsPerToken", 1, 1000) ?? defaults.ConcurrentCallsPerToken),
                    SessionsPerToken = (int)(ReadLimit(reader, l, "sessionsPerToken", 1, 10_000) ?? defaults.SessionsPerToken),
                    MaxRequestBytes = ReadLimit(reader, l, "maxRequestBytes", 64 * 1024, MaxRequestBytesCeiling) ?? defaults.MaxRequestBytes,
                },
            };
        }

        return config;
    }

    private static bool ReadBool(YamlNodeReader reader, YamlNode node) =>
        reader.Boolean(node, "server.approvals.inSession", ConfigErrorCodes.InvalidServerApprovals,
            " (false, the default, sends approvals to a reviewer other than the caller)") ?? false;

    private static TimeSpan? ReadIdle(YamlNodeReader reader, YamlNode node)
    {
        const string field = "server.sessions.idleTimeout";
        if (reader.String(node, field) is not { } text)
        {
            return null;
        }

        if (ApprovalsSectionReader.Parse(text) is { } value && value >= MinIdle && value <= MaxIdle)
        {
            return value;
        }

        reader.Error(node, field, ConfigErrorCodes.InvalidServerSessions,
            $"`{Shown(text)}` is not a duration from 1 second to 24 hours: write whole seconds, minutes or hours such as `90s`, `30m` or `2h`");
        return null;
    }

    private static long? ReadLimit(YamlNodeReader reader, Dictionary<string, YamlNode> map, string key, long min, long max)
    {
        var field = FieldPath.Child("server.limits", key);
        if (!map.TryGetValue(key, out var node) || reader.String(node, field) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        reader.Error(node, field, ConfigErrorCodes.InvalidServerLimits,
            $"`{Shown(text)}` is not a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    private static string Shown(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
