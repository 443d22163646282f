using System.Net;
using System.Text;
using System.Text.Json;
using Sentrely.Stores.Sqlite;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>
/// Sessions end and are forgotten (DELETE here; idle expiry in <see cref="HttpSessionIdleTests"/>), and one token cannot
/// hold more than <c>server.limits</c> allows: sessions, concurrent calls, request bytes.
/// </summary>
public sealed class HttpSessionLimitsTests(HttpSessionLimitsTests.World http) : IClassFixture<HttpSessionLimitsTests.World>
{
    private static readonly Dictionary<string, object?> NoArgs = [];

    [Fact]
    public async Task ManySessionsDeleted_RowsEndedAndSlotsReused()
    {
        // Arrange
        var token = await http.Http.CreateTokenAsync("--developer", "dora");

        // Act: three rounds of three sessions, each closed (DELETE) before the next; without freed slots round two gets 429.
        for (var round = 0; round < 3; round++)
        {
            var clients = new List<ModelContextProtocol.Client.McpClient>();
            for (var i = 0; i < 3; i++)
            {
                var client = await http.Http.ConnectAsync(token);
                await client.CallToolAsync("list-permissions", NoArgs);
                clients.Add(client);
            }

            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        // Assert
        var rows = await WaitAsync(async () => (await http.Http.SessionsAsync()).Where(s => s.Developer == "dora").ToList(), rows => rows.All(r => r.Ended is not null));
        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.Ended));
    }

    [Fact]
    public async Task SessionsPerToken_OverCap_Initialize429WithJsonBody()
    {
        // Arrange
        var token = await http.Http.CreateTokenAsync("--developer", "sven");
        var other = await http.Http.CreateTokenAsync("--developer", "olaf");
        using var client = new HttpClient();
        for (var i = 0; i < 3; i++)
        {
            using var opened = await RawMcp.InitializeAsync(client, http.Http.Server.McpUri, token);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        // Act
        using var refused = await RawMcp.InitializeAsync(client, http.Http.Server.McpUri, token);
        using var otherToken = await RawMcp.InitializeAsync(client, http.Http.Server.McpUri, other);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("server.limits.sessionsPerToken", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherToken.StatusCode);
    }

    [Fact]
    public async Task ConcurrentCallsPerToken_OverCap_RateLimitedWithRetryAfterAndAudited()
    {
        // Arrange: two calls held open waiting for a reviewer fill the token's two slots.
        var token = await http.Http.CreateTokenAsync("--developer", "carl");
        await using var client = await http.Http.ConnectAsync(token);
        using var cancel = new CancellationTokenSource();
        var held = Enumerable.Range(0, 2).Select(_ => client.CallToolAsync("describe-instances", NoArgs, cancellationToken: cancel.Token).AsTask()).ToArray();
        await WaitAsync(PendingForCarlAsync, pending => pending);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Act
        var refused = await client.CallToolAsync("list-permissions", NoArgs);
        await cancel.CancelAsync();
        await Task.WhenAll(held.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        var afterwards = await WaitAsync(() => client.CallToolAsync("list-permissions", NoArgs).AsTask(), r => r.IsError != true);

        // Assert
        Assert.True(refused.IsError);
        Assert.Equal("rate_limited", refused.StructuredContent!.Value.GetProperty("decision").GetString());
        Assert.True(refused.StructuredContent.Value.GetProperty("retryAfterSeconds").GetInt32() > 0);
        Assert.NotEqual(true, afterwards.IsError);
        var outcome = (await http.Http.AuditAsync(new() { Tool = "list-permissions" })).First(r => r.Developer == "carl" && r.Phase == "outcome");
        Assert.Equal(("rate_limited", "ConcurrentCallLimit"), (outcome.Decision, outcome.ErrorCode));
    }

    [Fact]
    public async Task OversizedBody_RefusedUnparsed_Error32600WithIdAndAuditedAsDeny()
    {
        // Arrange
        var token = await http.Http.CreateTokenAsync("--developer", "bigg");
        using var client = new HttpClient();
        var session = await RawMcp.OpenWithCallAsync(client, http.Http.Server.McpUri, token);
        var padding = new string('a', 2 * 1024 * 1024);

        // Act: one body with Content-Length, one chunked (no length).
        using var sized = RawMcp.Post(http.Http.Server.McpUri, token, RawMcp.Json(Call(7, padding)), session);
        using var sizedResponse = await client.SendAsync(sized);
        var stream = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(Call(8, padding))));
        stream.Headers.ContentType = new("application/json");
        using var chunked = RawMcp.Post(http.Http.Server.McpUri, token, stream, session);
        using var chunkedResponse = await client.SendAsync(chunked);

        // Assert
        foreach (var (response, id) in new[] { (sizedResponse, 7), (chunkedResponse, 8) })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(id, error.GetProperty("id").GetInt32());
            Assert.Equal(-32600, error.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Contains("server.limits.maxRequestBytes", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var denied = (await http.Http.AuditAsync(new() { Tool = "mcp" })).Where(r => r.Developer == "bigg").ToList();
        Assert.Equal(2, denied.Count);
        Assert.All(denied, r => Assert.Equal(("deny", "RequestTooLarge"), (r.Decision, r.ErrorCode)));
    }

    [Fact]
    public async Task OversizedBody_PathSpelledInCapitals_StillRefusedAndAudited()
    {
        // Arrange: routing matches `/MCP` as `/mcp`, so the guard must too.
        var token = await http.Http.CreateTokenAsync("--developer", "caps");
        using var client = new HttpClient();
        var upper = new UriBuilder(http.Http.Server.McpUri) { Path = "/MCP" }.Uri;
        var session = await RawMcp.OpenWithCallAsync(client, upper, token);
        var padding = new string('a', 2 * 1024 * 1024);

        // Act
        using var request = RawMcp.Post(upper, token, RawMcp.Json(Call(9, padding)), session);
        using var response = await client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var denied = (await http.Http.AuditAsync(new() { Tool = "mcp" })).Where(r => r.Developer == "caps").ToList();
        Assert.Equal(("deny", "RequestTooLarge"), (Assert.Single(denied).Decision, denied[0].ErrorCode));
    }

    // True once a call of carl's waits for a reviewer, so the calls are past admission.
    private async Task<bool> PendingForCarlAsync()
    {
        await using var store = new SqliteAuditStore(http.Http.World.StorePath, TimeProvider.System);
        var pending = await new SqliteApprovalStore(store).ListAsync(false, TimeProvider.System.GetUtcNow(), default);
        return pending.Any(r => r.Developer == "carl");
    }

    /// <summary>Returns a tools/call request with id <paramref name="id"/> carrying <paramref name="padding"/> as an argument.</summary>
    internal static string Call(int id, string padding) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"list-permissions\",\"arguments\":{\"pad\":\"" + padding + "\"}}}";

    internal static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || elapsed.Elapsed > TimeSpan.FromSeconds(30))
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A team server with small per-token caps; describe-instances waits up to 30 s for a reviewer.</summary>
    public sealed class World : IAsyncLifetime
    {
        public HttpWorld Http { get; } = new(
            """
            - id: describe-reviewed
              effect: allow
              tools: [describe-instances]
              approval: { via: reviewer, waitSeconds: 30 }
            - id: permissions
              effect: allow
              tools: [list-permissions]
            """,
            _ => """
            server:
              limits:
                concurrentCallsPerToken: 2
                sessionsPerToken: 3
                maxRequestBytes: 1048576
            """);

        public Task InitializeAsync() => Http.InitializeAsync();

        public Task DisposeAsync() => Http.DisposeAsync();
    }

    // Makes HttpClient send the body chunked: it cannot know the length of a stream that cannot seek.
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
