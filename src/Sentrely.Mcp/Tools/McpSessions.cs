using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sentrely.Arguments;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Mcp.Hosting;
using Sentrely.Sessions;

namespace Sentrely.Mcp.Tools;

/// <summary>
/// The stdio session: one process is one agent session. Its identity is fixed on the first call, when the
/// client's name and roots are known: developer from config or the OS user, project from config, else the
/// first MCP root's folder name, else the working directory's.
/// </summary>
internal sealed class McpSessions
{
    private readonly IdentityConfig _identity;
    private readonly FilesConfig _files;
    private readonly string _transport;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SessionContext? _session;

    public McpSessions(IdentityConfig identity, FilesConfig files, string transport)
    {
        _identity = identity;
        _files = files;
        _transport = transport;
        SessionId = Identifiers.NewSessionId();
    }

    public string SessionId { get; }

    /// <summary>Gets how long the server waits for the client's answer to <c>roots/list</c>.</summary>
    public static TimeSpan RootsTimeout { get; } = TimeSpan.FromSeconds(10);

    public async ValueTask<SessionContext> GetAsync(McpServer server, CancellationToken cancellationToken)
    {
        if (_session is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_session is null)
            {
                var project = _identity.Project;
                if (project is null)
                {
                    var roots = await ClientRootsAsync(server, cancellationToken).ConfigureAwait(false);
                    project = Path.GetFileName((roots.Count > 0 ? roots[0] : Environment.CurrentDirectory).TrimEnd(Path.DirectorySeparatorChar));
                }

                _session = new SessionContext(
                    SessionId,
                    LocalIdentity.Developer(_identity),
                    StsNames.TagValue(string.IsNullOrEmpty(project) ? "default" : project),
                    "agent",
                    server.ClientInfo?.Name,
                    server.ClientInfo?.Version,
                    _transport);
            }

            return _session;
        }
        finally
        {
            _gate.Release();
        }
    }

    public IFileRootProvider FileRoots(McpServer server) => new RootProvider(server, _files);

    /// <summary>
    /// Returns the client's <c>file://</c> roots as local paths; none when the client has no roots capability,
    /// fails to answer, or takes longer than <see cref="RootsTimeout"/> (so a silent client cannot hang a call).
    /// </summary>
    internal static async ValueTask<IReadOnlyList<string>> ClientRootsAsync(McpServer server, CancellationToken cancellationToken)
    {
        if (server.ClientCapabilities?.Roots is null)
        {
            return [];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RootsTimeout);
        ListRootsResult result;
        try
        {
            result = await server.RequestRootsAsync(new ListRootsRequestParams(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or McpException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return [];
        }

        return result.Roots
            .Select(r => Uri.TryCreate(r.Uri, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : null)
            .OfType<string>()
            .ToArray();
    }

    private sealed class RootProvider(McpServer server, FilesConfig files) : IFileRootProvider
    {
        public async ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken)
        {
            var client = await ClientRootsAsync(server, cancellationToken).ConfigureAwait(false);
            return [.. client, .. files.Roots];
        }
    }
}
