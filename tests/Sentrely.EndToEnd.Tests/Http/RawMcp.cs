using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>Streamable HTTP by hand, for what the C# client hides: session ids, status codes, idle sessions, raw bodies.</summary>
internal static class RawMcp
{
    public const string ProtocolVersion = "2025-06-18";

    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw-e2e","version":"1.0"}}}""";

    /// <summary>Returns a POST to <paramref name="mcp"/> with the bearer token and, after initialize, the session id.</summary>
    public static HttpRequestMessage Post(Uri mcp, string token, HttpContent content, string? sessionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, mcp) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        }

        return request;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Initializes a session and returns the response (its <c>Mcp-Session-Id</c> header on success).</summary>
    public static async Task<HttpResponseMessage> InitializeAsync(HttpClient http, Uri mcp, string token)
    {
        using var request = Post(mcp, token, Json(Initialize));
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Opens a session and makes one <c>list-permissions</c> call in it (so the registry has its row); returns its id.</summary>
    public static async Task<string> OpenWithCallAsync(HttpClient http, Uri mcp, string token)
    {
        using var init = await InitializeAsync(http, mcp, token);
        Assert.Equal(HttpStatusCode.OK, init.StatusCode);
        var id = init.Headers.GetValues("Mcp-Session-Id").Single();
        using (var initialized = Post(mcp, token, Json("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""), id))
        {
            using var answer = await http.SendAsync(initialized);
            Assert.True(answer.IsSuccessStatusCode, answer.StatusCode.ToString());
        }

        using var call = Post(mcp, token, Json("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list-permissions","arguments":{}}}"""), id);
        using var result = await http.SendAsync(call);
        var text = await result.Content.ReadAsStringAsync();
        Assert.True(result.IsSuccessStatusCode && text.Contains("\"result\"", StringComparison.Ordinal), $"{result.StatusCode}: {text}");
        return id;
    }
}
