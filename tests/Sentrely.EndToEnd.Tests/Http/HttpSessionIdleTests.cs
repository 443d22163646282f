using System.Net;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>
/// Sessions nobody uses end after <c>server.sessions.idleTimeout</c>, and every session ends when the server stops: their
/// registry rows stop being live and their ids stop working.
/// </summary>
public sealed class HttpSessionIdleTests
{
    [Fact]
    public async Task IdleSessions_PastIdleTimeout_RowsEndedAndIdsGone()
    {
        // Arrange
        var http = await HttpWorld.StartAsync(null, _ => """
            server:
              sessions:
                idleTimeout: 2s
            """);
        try
        {
            var token = await http.CreateTokenAsync("--developer", "idris");
            using var client = new HttpClient();
            var ids = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                ids.Add(await RawMcp.OpenWithCallAsync(client, http.Server.McpUri, token));
            }

            // Act: nothing more is sent; the SDK checks idleness every 5 seconds.
            var rows = await HttpSessionLimitsTests.WaitAsync(
                async () => (await http.SessionsAsync()).Where(s => s.Developer == "idris").ToList(), rows => rows.All(r => r.Ended is not null));
            using var stale = RawMcp.Post(http.Server.McpUri, token, RawMcp.Json("""{"jsonrpc":"2.0","id":9,"method":"tools/list"}"""), ids[0]);
            using var staleResponse = await client.SendAsync(stale);

            // Assert
            Assert.Equal(5, rows.Count);
            Assert.All(rows, r => Assert.NotNull(r.Ended));
            Assert.Equal(HttpStatusCode.NotFound, staleResponse.StatusCode);
        }
        finally
        {
            await http.DisposeAsync();
        }
    }

    [Fact]
    public async Task OpenSessions_ServerStops_RowsEnded()
    {
        // Arrange
        var http = await HttpWorld.StartAsync(null, null);
        try
        {
            var token = await http.CreateTokenAsync("--developer", "stella");
            using var client = new HttpClient();
            for (var i = 0; i < 3; i++)
            {
                await RawMcp.OpenWithCallAsync(client, http.Server.McpUri, token);
            }

            // Act
            var exit = await http.Server.TerminateAsync();
            var rows = (await http.SessionsAsync()).Where(s => s.Developer == "stella").ToList();

            // Assert
            Assert.Equal(0, exit);
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.NotNull(r.Ended));
        }
        finally
        {
            await http.DisposeAsync();
        }
    }
}
