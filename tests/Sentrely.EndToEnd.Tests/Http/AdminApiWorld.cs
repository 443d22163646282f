using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Sentrely.Audit;
using Sentrely.Stores.Sqlite;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>A team server whose policy asks a reviewer before describe-instances and allows list-permissions; tokens by the real CLI.</summary>
public sealed class AdminApiWorld : IAsyncLifetime
{
    private HttpServerProcess? _server;

    public SandboxWorld World { get; } = new();

    internal HttpServerProcess Server => _server!;

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        await File.WriteAllTextAsync(World.ConfigPath, World.ConfigWithRules("""
            - id: describe-reviewed
              effect: allow
              tools: [describe-instances]
              approval: { via: reviewer }
            - id: permissions
              effect: allow
              tools: [list-permissions]
            """));
        _server = await HttpServerProcess.StartAsync(World);
    }

    public async Task DisposeAsync()
    {
        await (_server?.DisposeAsync() ?? ValueTask.CompletedTask);
        await World.DisposeAsync();
    }

    /// <summary>Runs <c>sentrely tokens create --developer <paramref name="developer"/> --role …</c> and returns the token.</summary>
    public async Task<string> TokenAsync(string developer, params string[] roles)
    {
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(World, ["tokens", "create", "--developer", developer, .. roles.SelectMany(r => new[] { "--role", r }), "--config", World.ConfigPath]);
        Assert.True(exit == 0, stderr);
        return stdout.Trim();
    }

    /// <summary>Runs a sentrely command against the server's admin API with <paramref name="token"/>.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RemoteAsync(string token, params string[] args) =>
        SentrelyProcess.RunAsync(World, [.. args, "--server", Server.BaseUri.ToString(), "--token", token]);

    public async Task<List<AuditRecord>> AuditAsync(AuditQuery query)
    {
        await using var store = new SqliteAuditStore(World.StorePath, TimeProvider.System);
        var records = new List<AuditRecord>();
        await foreach (var record in store.ReadAsync(query, default))
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
            new McpClientOptions { ClientInfo = new() { Name = "sentrely-admin-e2e", Version = "1.0" } });

    public static string? Decision(CallToolResult result) =>
        result.IsError == true && result.StructuredContent is { } s && s.TryGetProperty("decision", out var d) ? d.GetString() : null;

    public static string? ApprovalId(CallToolResult result) =>
        result.StructuredContent is { } s && s.TryGetProperty("approvalId", out var id) ? id.GetString() : null;
}
