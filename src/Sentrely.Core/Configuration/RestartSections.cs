namespace Sentrely.Configuration;

/// <summary>
/// The sections a running server cannot change: the AWS clients and base credentials, the stdio identity, the
/// file roots, the audit store, the HTTP server settings, the telemetry export and <c>limits.maxMessageBytes</c> are fixed at
/// startup. A reload keeps their running values; every other section (<c>policy</c>, limits) applies live.
/// </summary>
public static class RestartSections
{
    /// <summary>Gets the names of the sections that need a restart, in file order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["aws", "identity", "files", "store", "server", "telemetry"];

    /// <summary>Returns <paramref name="loaded"/> with the restart-only sections of <paramref name="running"/>.</summary>
    /// <param name="loaded">The configuration just read from the file.</param>
    /// <param name="running">The configuration in force.</param>
    public static SentrelyConfig KeepRunning(SentrelyConfig loaded, SentrelyConfig running)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(running);
        return loaded with { Aws = running.Aws, Identity = running.Identity, Files = running.Files, Store = running.Store, Server = running.Server, Telemetry = running.Telemetry };
    }

    /// <summary>Returns the restart-only sections whose values differ between two configurations read from the file.</summary>
    /// <param name="before">The configuration read at startup.</param>
    /// <param name="after">The configuration read now.</param>
    public static IReadOnlyList<string> Changed(SentrelyConfig before, SentrelyConfig after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = new List<string>();
        if (!SameAws(before.Aws, after.Aws))
        {
            changed.Add("aws");
        }

        if (before.Identity != after.Identity)
        {
            changed.Add("identity");
        }

        if (!before.Files.Roots.SequenceEqual(after.Files.Roots, StringComparer.Ordinal))
        {
            changed.Add("files");
        }

        if (before.Store != after.Store)
        {
            changed.Add("store");
        }

        // The HTTP host's allowed hosts, authentication schemes, roots, approvals, session and limit settings are fixed when it starts listening.
        if (!before.Server.AllowedHosts.SequenceEqual(after.Server.AllowedHosts, StringComparer.Ordinal) || before.Server.Auth != after.Server.Auth
            || !before.Server.Files.Roots.SequenceEqual(after.Server.Files.Roots, StringComparer.Ordinal)
            || before.Server.Approvals != after.Server.Approvals || before.Server.Sessions != after.Server.Sessions || before.Server.Limits != after.Server.Limits)
        {
            changed.Add("server");
        }

        if (before.Telemetry != after.Telemetry)
        {
            changed.Add("telemetry");
        }

        // The stdio transport sizes its reader once, at startup.
        if (before.Limits.MaxMessageBytes != after.Limits.MaxMessageBytes)
        {
            changed.Add("limits.maxMessageBytes");
        }

        return changed;
    }

    // The records hold dictionaries, which compare by reference: compare their contents.
    private static bool SameAws(AwsConfig a, AwsConfig b) =>
        a.Region == b.Region
        && a.Partition == b.Partition
        && a.AccountId == b.AccountId
        && a.Profile == b.Profile
        && a.Credentials == b.Credentials
        && SameEntries(a.Roles, b.Roles, (x, y) => string.Equals(x, y, StringComparison.Ordinal))
        && a.EndpointsFromEnvironment == b.EndpointsFromEnvironment
        && SameEntries(a.Endpoints, b.Endpoints, (x, y) => x == y);

    private static bool SameEntries<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b, Func<T, T, bool> same) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var other) && same(e.Value, other));
}
