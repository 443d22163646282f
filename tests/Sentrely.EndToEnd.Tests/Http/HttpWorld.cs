using ModelContextProtocol.Client;
using Sentrely.Audit;
using Sentrely.Auth;
using Sentrely.Stores.Sqlite;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>The AWS double, its configuration and one running team server; tokens are issued with the real <c>sentrely tokens create</c>.</summary>
public sealed class HttpWorld : IAsyncLifetime
{
    private HttpServerProcess? _server;

    public SandboxWorld World { get; } = new();

    internal HttpServerProcess Server => _server!;

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
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

    public async Task<McpClient> ConnectAsync(string token) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = Server.McpUri,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            }),
            new McpClientOptions { ClientInfo = new() { Name = "sentrely-http-e2e", Version = "1.0" } });
}
