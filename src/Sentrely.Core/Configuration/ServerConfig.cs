namespace Sentrely.Configuration;

/// <summary>Gets the <c>server</c> section: the team server's (HTTP transport's) DNS-rebinding protection, authentication, file roots, approvals, sessions and limits.</summary>
public sealed record ServerConfig
{
    /// <summary>Gets the hosts loopback-only servers accept when <c>allowedHosts</c> is not set.</summary>
    public static IReadOnlyList<string> DefaultAllowedHosts { get; } = ["localhost", "127.0.0.1", "::1"];

    /// <summary>
    /// Gets the host names (lower case, IPv6 without brackets, no port) a request's <c>Host</c> header and <c>Origin</c> may name;
    /// an entry <c>*.example.com</c> matches every subdomain of example.com.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = DefaultAllowedHosts;

    /// <summary>Gets how callers authenticate.</summary>
    public ServerAuthConfig Auth { get; init; } = new();

    /// <summary>
    /// Gets <c>server.files.roots</c>: the server-side folders <c>path</c> arguments may read over HTTP. MCP client roots name
    /// the caller's disk, not the server's, so the team server never uses them; empty (the default) refuses <c>path</c>.
    /// </summary>
    public FilesConfig Files { get; init; } = new();

    /// <summary>Gets who may answer approvals.</summary>
    public ServerApprovalsConfig Approvals { get; init; } = new();

    /// <summary>Gets when idle sessions end.</summary>
    public ServerSessionsConfig Sessions { get; init; } = new();

    /// <summary>Gets the per-token session and call caps and the request size limit.</summary>
    public ServerLimitsConfig Limits { get; init; } = new();

    /// <summary>Returns whether a request may name <paramref name="host"/> (a <c>Host</c> header's or an <c>Origin</c>'s host, without port).</summary>
    /// <param name="host">The host as received; IPv6 with or without brackets.</param>
    public bool AllowsHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (ServerSectionReader.Canonical(host) is not { } canonical)
        {
            return false;
        }

        return AllowedHosts.Any(allowed => allowed == canonical
            || (allowed.StartsWith("*.", StringComparison.Ordinal) && canonical.Length > allowed.Length - 1 && canonical.EndsWith(allowed[1..], StringComparison.Ordinal)));
    }
}
