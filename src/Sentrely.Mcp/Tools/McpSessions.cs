using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Mcp.Hosting;
using Sentrely.Mcp.Http;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Mcp.Tools;

/// <summary>
/// The stdio session: one process is one agent session. Its identity is fixed on the first call, when the
/// client's name and roots are known: developer from config or the OS user, project from config, else the
/// first MCP root's folder name, else the working directory's.
/// Over HTTP one process serves many sessions: each MCP session gets its own id, registered in the session registry, and
/// an authenticated caller's identity comes from its token's claims (callers cannot choose it). Nothing the HTTP client
/// sends widens what its token allows: its roots name its own disk, so only <c>server.files.roots</c> count; its
/// elicitation answers come from the token holder's agent, so approvals go to a reviewer unless
/// <c>server.approvals.inSession</c>; and when its MCP session ends, the registry row is marked ended and forgotten here.
/// </summary>
internal sealed class McpSessions
{
    private readonly IdentityConfig _identity;
    private readonly FilesConfig _files;
    private readonly string _transport;
    private readonly ISessionRegistry? _registry;
    private readonly bool _inSessionApprovals;
    private readonly TimeProvider _time;
    private const int MaxClientTextLength = 128;

    private readonly SemaphoreSlim _gate = new(1, 1);
    // A session can end (DELETE, idle expiry, shutdown) while its first call is still registering it: the end is kept
    // here until the registration finishes, then recorded, so no row stays live and no entry stays behind.
    private readonly Lock _endLock = new();
    private readonly HashSet<string> _registering = new(StringComparer.Ordinal);
    private readonly HashSet<string> _endedWhileRegistering = new(StringComparer.Ordinal);
    // Keyed by the MCP session id (Mcp-Session-Id): the server object a request sees is per request, the session is not.
    private readonly ConcurrentDictionary<string, SessionContext> _connections = new(StringComparer.Ordinal);
    private SessionContext? _session;

    /// <param name="identity">The stdio identity settings.</param>
    /// <param name="files">The file roots (stdio; the team server's come from <paramref name="server"/>).</param>
    /// <param name="transport">The transport as audit records name it.</param>
    /// <param name="perConnection">The registry each MCP session is registered in; non-null makes every MCP session its own Sentrely session (HTTP).</param>
    /// <param name="time">The clock for registrations.</param>
    /// <param name="server">The team server's settings; used only with <paramref name="perConnection"/>.</param>
    public McpSessions(IdentityConfig identity, FilesConfig files, string transport, ISessionRegistry? perConnection = null, TimeProvider? time = null, ServerConfig? server = null)
    {
        _identity = identity;
        _transport = transport;
        _registry = perConnection;
        _time = time ?? TimeProvider.System;
        server ??= new ServerConfig();
        _files = perConnection is null ? files : server.Files;
        _inSessionApprovals = perConnection is null || server.Approvals.InSession;
        Quotas = perConnection is null ? null : new TokenQuotas(server.Limits);
        SessionId = Identifiers.NewSessionId();
    }

    public string SessionId { get; }

    /// <summary>Gets the per-token session and call counters of the team server; null in stdio mode.</summary>
    public TokenQuotas? Quotas { get; }

    /// <summary>Gets how long the server waits for the client's answer to <c>roots/list</c>.</summary>
    public static TimeSpan RootsTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Returns the session of this MCP connection: its token's identity when <paramref name="user"/> is authenticated.</summary>
    public async ValueTask<SessionContext> GetAsync(McpServer server, ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        if (_registry is null)
        {
            return await GetAsync(server, cancellationToken).ConfigureAwait(false);
        }

        // Stateful HTTP always has a session id; without one there is no session to attach an identity to.
        var key = server.SessionId ?? throw new InvalidOperationException("an HTTP call without an MCP session id: the server must run in stateful mode");
        if (_connections.TryGetValue(key, out var known))
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connections.TryGetValue(key, out known))
            {
                return known;
            }

            var caller = SentrelyClaims.Identity(user);
            var (developer, project) = caller is { } claimed
                ? (StsNames.SourceIdentity(claimed.Developer), claimed.Project)
                : (LocalIdentity.Developer(_identity), await LocalProjectAsync(server, cancellationToken).ConfigureAwait(false));
            var session = new SessionContext(
                Identifiers.NewSessionId(), developer, StsNames.TagValue(string.IsNullOrEmpty(project) ? "default" : project), "agent",
                ClientText(server.ClientInfo?.Name), ClientText(server.ClientInfo?.Version), _transport)
            {
                // Per-session limits are also counted per token: a new MCP session must not bring a fresh budget.
                TokenId = caller is null ? null : user?.FindFirst(SentrelyClaims.TokenId)?.Value,
            };

            // Fail closed: a session the registry does not know could not be listed or killed by id.
            lock (_endLock)
            {
                _registering.Add(key);
            }

            bool ended;
            var registered = false;
            try
            {
                await _registry.RegisterAsync(
                    new SessionRecord(session.SessionId, session.Developer, session.Project, session.ClientName, session.ClientVersion, _transport,
                        Environment.ProcessId, Environment.MachineName, _time.GetUtcNow()),
                    cancellationToken).ConfigureAwait(false);
                registered = true;
            }
            finally
            {
                lock (_endLock)
                {
                    _registering.Remove(key);
                    ended = _endedWhileRegistering.Remove(key);
                    if (registered && !ended)
                    {
                        _connections[key] = session;
                    }
                }
            }

            if (ended)
            {
                await _registry.EndAsync(session.SessionId, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            }

            return session;
        }
        finally
        {
            _gate.Release();
        }
    }

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
                var project = await LocalProjectAsync(server, cancellationToken).ConfigureAwait(false);
                _session = new SessionContext(
                    SessionId,
                    LocalIdentity.Developer(_identity),
                    StsNames.TagValue(string.IsNullOrEmpty(project) ? "default" : project),
                    "agent",
                    ClientText(server.ClientInfo?.Name),
                    ClientText(server.ClientInfo?.Version),
                    _transport);
            }

            return _session;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Returns the stdio session as the calls so far established it, else one with the same id and this process's
    /// identity, without asking the client anything (for records made while the client cannot be asked).
    /// </summary>
    public SessionContext Current()
    {
        if (_session is { } known)
        {
            return known;
        }

        var project = _identity.Project ?? FolderName(Environment.CurrentDirectory);
        return new SessionContext(
            SessionId, LocalIdentity.Developer(_identity), StsNames.TagValue(string.IsNullOrEmpty(project) ? "default" : project), "agent", null, null, _transport);
    }

    private async ValueTask<string> LocalProjectAsync(McpServer server, CancellationToken cancellationToken)
    {
        if (_identity.Project is { } project)
        {
            return project;
        }

        var roots = await ClientRootsAsync(server, cancellationToken).ConfigureAwait(false);
        return FolderName(roots.Count > 0 ? roots[0] : Environment.CurrentDirectory);
    }

    // The client names itself: bounded and escaped once here, as the session registry and every audit record store it.
    private static string? ClientText(string? value) => OperatorText.Bounded(value, MaxClientTextLength);

    private static string FolderName(string path) => Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>Returns the folders <c>path</c> may read: over HTTP only <c>server.files.roots</c>, never the client's roots.</summary>
    public IFileRootProvider FileRoots(McpServer server) => new RootProvider(_registry is null ? server : null, _files);

    /// <summary>Returns who confirms a call in the session: the client (elicitation) only in stdio mode or when <c>server.approvals.inSession</c>.</summary>
    public IApprovalPrompt? Prompt(McpServer server) => _inSessionApprovals ? McpElicitationPrompt.For(server) : null;

    /// <summary>
    /// Returns the refusal of a call that names a <c>path</c> on a team server with no <c>server.files.roots</c>, before any
    /// check reads the disk; null otherwise.
    /// </summary>
    public ToolCallRejection? PathRefusal(IDictionary<string, JsonElement>? arguments) =>
        _registry is not null && _files.Roots.Count == 0 && arguments is not null && arguments.ContainsKey("path")
            ? ToolCallRejection.Deny(
                "PathNotServed",
                "`path` would name a file on the team server's disk, not yours, and this server reads none (its `server.files.roots` is empty): send the content itself (`text` or `contentBase64`) instead")
            : null;

    /// <summary>
    /// Ends the Sentrely session of MCP session <paramref name="mcpSessionId"/> (DELETE, idle expiry, shutdown): its registry
    /// row is marked ended and its state here released. Best effort: a registry failure leaves the row to orphan recovery.
    /// </summary>
    public async ValueTask EndAsync(string mcpSessionId)
    {
        if (_registry is null)
        {
            return;
        }

        SessionContext? session;
        lock (_endLock)
        {
            if (!_connections.TryRemove(mcpSessionId, out session))
            {
                if (_registering.Contains(mcpSessionId))
                {
                    _endedWhileRegistering.Add(mcpSessionId);
                }

                return;
            }
        }

        await _registry.EndAsync(session.SessionId, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
    }

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

    // A null server asks no client for roots (the team server).
    private sealed class RootProvider(McpServer? server, FilesConfig files) : IFileRootProvider
    {
        public async ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken)
        {
            IReadOnlyList<string> client = server is null ? [] : await ClientRootsAsync(server, cancellationToken).ConfigureAwait(false);
            return [.. client, .. files.Roots];
        }
    }
}
