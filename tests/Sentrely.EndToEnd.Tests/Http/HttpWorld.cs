using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Sentrely.Audit;
using Sentrely.Auth;
using Sentrely.Sessions;
using Sentrely.Stores.Sqlite;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>The AWS double, its configuration and one running team server; tokens are issued with the real <c>sentrely tokens create</c>.</summary>
public sealed class HttpWorld : IAsyncLifetime
{
    private readonly string? _rules;
    private readonly Func<SandboxWorld, string>? _serverSection;
    private HttpServerProcess? _server;

    public HttpWorld()
    {
    }

    /// <summary>Initializes a world whose policy is <paramref name="rules"/> (default when null) and whose configuration ends with <paramref name="serverSection"/> (a top-level <c>server:</c> block).</summary>
    internal HttpWorld(string? rules, Func<SandboxWorld, string>? serverSection)
    {
        _rules = rules;
        _serverSection = serverSection;
    }

    public SandboxWorld World { get; } = new();

    internal HttpServerProcess Server => _server!;

    /// <summary>Starts a world of its own (for a configuration no class fixture shares); the caller disposes it.</summary>
    internal static async Task<HttpWorld> StartAsync(string? rules, Func<SandboxWorld, string>? serverSection)
    {
        var world = new HttpWorld(rules, serverSection);
        await world.InitializeAsync();
        return world;
    }

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        if (_rules is not null || _serverSection is not null)
        {
            var config = _rules is null ? await File.ReadAllTextAsync(World.ConfigPath) : World.ConfigWithRules(_rules);
            await File.WriteAllTextAsync(World.ConfigPath, config.TrimEnd('\n') + "\n" + _serverSection?.Invoke(World));
        }

        _server = await HttpServerProcess.StartAsync(World);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await World.DisposeAsync();
    }

    /// <summary>Runs <c>sentrely tokens create</c> and returns the printed token.</summary>
    public async Task<string> CreateTokenAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(World, ["tokens", "create", "--config", World.ConfigPath, .. args]);
        Assert.True(exit == 0, stderr);
        return stdout.Trim();
    }

    /// <summary>Returns the id part of a token (<c>sntl_tok_…_secret</c>).</summary>
    public static string IdOf(string token) => ApiTokenSecrets.Parse(token)!.Value.Id;

    /// <summary>Stores a token directly (for states the CLI cannot produce, such as one that expired an hour ago).</summary>
    public async Task<string> StoreTokenAsync(DateTimeOffset? expires)
    {
        var (id, token, hash) = ApiTokenSecrets.Create();
        await using var store = new SqliteAuditStore(World.StorePath, TimeProvider.System);
        await new SqliteTokenStore(store).CreateAsync(
            new ApiToken
            {
                Id = id, Name = "direct", Developer = "dana", Project = "payments", Roles = [CallerRoles.Agent], SecretHash = hash, CreatedBy = "test",
                Created = TimeProvider.System.GetUtcNow().AddDays(-2), Expires = expires,
            },
            default);
        return token;
    }

    public async Task<List<AuditRecord>> AuditAsync(AuditQuery? query = null)
    {
        await using var store = new SqliteAuditStore(World.StorePath, TimeProvider.System);
        var records = new List<AuditRecord>();
        await foreach (var record in store.ReadAsync(query ?? new AuditQuery(), default))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Returns the session registry's rows, ended ones included.</summary>
    public async Task<IReadOnlyList<SessionRecord>> SessionsAsync()
    {
        await using var store = new SqliteAuditStore(World.StorePath, TimeProvider.System);
        return await new SqliteSessionRegistry(store).ListAsync(default);
    }

    /// <summary>Runs a sentrely command against the server's admin API with <paramref name="token"/>.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RemoteAsync(string token, params string[] args) =>
        SentrelyProcess.RunAsync(World, [.. args, "--server", Server.BaseUri.ToString(), "--token", token]);

    /// <summary>Connects the real C# MCP client; with <paramref name="roots"/> and <paramref name="elicitation"/> it declares those capabilities.</summary>
    public async Task<McpClient> ConnectAsync(
        string token, IReadOnlyList<string>? roots = null, Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>>? elicitation = null)
    {
        var options = new McpClientOptions { ClientInfo = new() { Name = "sentrely-http-e2e", Version = "1.0" } };
        if (roots is not null || elicitation is not null)
        {
            options.Capabilities = new ClientCapabilities
            {
                Roots = roots is null ? null : new RootsCapability(),
                Elicitation = elicitation is null ? null : new ElicitationCapability(),
            };
            options.Handlers = new McpClientHandlers
            {
                RootsHandler = roots is null ? null : (_, _) => ValueTask.FromResult(new ListRootsResult { Roots = roots.Select(r => new Root { Uri = r }).ToList() }),
                ElicitationHandler = elicitation,
            };
        }

        return await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = Server.McpUri,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            }),
            options);
    }
}
