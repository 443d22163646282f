using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sentrely.Audit;
using Sentrely.Mcp.Http;

namespace Sentrely.Mcp.Cli;

/// <summary>
/// The operator commands' client of the team server's admin API: with <c>--server URL --token T</c> (or
/// <c>SENTRELY_SERVER</c> / <c>SENTRELY_TOKEN</c>) a command calls <c>/admin/v1/</c> instead of opening the store.
/// HTTPS is required except plain HTTP to a loopback address; redirects are not followed, so the token goes nowhere else.
/// </summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;

    private AdminClient(Uri server, string token)
    {
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Gets <c>--server URL</c>.</summary>
    public static Option<string?> ServerOption { get; } = new("--server")
    {
        Description = "Act through this team server's admin API instead of the store (default: $SENTRELY_SERVER)",
        Recursive = true,
    };

    /// <summary>Gets <c>--token T</c>.</summary>
    public static Option<string?> TokenOption { get; } = new("--token")
    {
        Description = "The bearer token for --server (default: $SENTRELY_TOKEN; prefer the variable: arguments are visible to other local users)",
        Recursive = true,
    };

    /// <summary>Runs <paramref name="remote"/> when a server is given (after checking it), else <paramref name="local"/>.</summary>
    public static async Task<int> OrLocalAsync(ParseResult parse, Func<AdminClient, Task<int>> remote, Func<Task<int>> local)
    {
        var server = parse.GetValue(ServerOption) ?? Environment.GetEnvironmentVariable("SENTRELY_SERVER");
        if (string.IsNullOrWhiteSpace(server))
        {
            return await local().ConfigureAwait(false);
        }

        var token = parse.GetValue(TokenOption) ?? Environment.GetEnvironmentVariable("SENTRELY_TOKEN");
        if (!Uri.TryCreate(server.Trim(), UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && ServeUrls.IsLoopback(url)))
            || url.UserInfo.Length > 0)
        {
            await Console.Error.WriteLineAsync("sentrely: --server takes an https:// URL (plain http only to a loopback address)").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            await Console.Error.WriteLineAsync("sentrely: --server needs a token: --token T or SENTRELY_TOKEN (`sentrely tokens create --role reviewer|admin`)").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        using var client = new AdminClient(new Uri(url.GetLeftPart(UriPartial.Authority)), token.Trim());
        try
        {
            return await remote(client).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"sentrely: cannot reach {url.GetLeftPart(UriPartial.Authority)}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            await Console.Error.WriteLineAsync($"sentrely: {url.GetLeftPart(UriPartial.Authority)} did not answer in time").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Prints a listing (<c>{"items","text"}</c>): the items with <paramref name="json"/>, else the readable lines.</summary>
    public async Task<int> ListAsync(string path, bool json, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(AdminApi.Prefix + path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (await FailureAsync(response, cancellationToken).ConfigureAwait(false) is { } exit)
        {
            return exit;
        }

        using var body = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var lines = json
            ? body.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetRawText())
            : body.RootElement.GetProperty("text").EnumerateArray().Select(t => t.GetString() ?? "");
        foreach (var line in lines)
        {
            await Console.Out.WriteLineAsync(OperatorText.Escape(line)).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>POSTs <paramref name="body"/>'s object; prints the answer's message (and warning), or its error.</summary>
    public async Task<int> PostAsync(string path, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonObjects.ToText(body), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(AdminApi.Prefix + path, UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        if (await FailureAsync(response, cancellationToken).ConfigureAwait(false) is { } exit)
        {
            return exit;
        }

        using var answer = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(OperatorText.Escape(Text(answer, "message") ?? "done")).ConfigureAwait(false);
        if (Text(answer, "warning") is { } warning)
        {
            await Console.Error.WriteLineAsync($"sentrely: warning: {OperatorText.Escape(warning)}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Returns the response of a GET, or null after printing why it failed (then Exit says how to exit).</summary>
    public async Task<(HttpResponseMessage? Response, int Exit)> GetAsync(string path, CancellationToken cancellationToken)
    {
        var response = await _http.GetAsync(new Uri(AdminApi.Prefix + path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (await FailureAsync(response, cancellationToken).ConfigureAwait(false) is { } exit)
        {
            response.Dispose();
            return (null, exit);
        }

        return (response, ExitCodes.Ok);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Reads a JSON answer.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Text(JsonDocument document, string name) =>
        document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static async Task<int?> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        string? error = null;
        try
        {
            using var body = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            error = Text(body, "error");
        }
        catch (JsonException)
        {
            // No JSON error body (authentication and authorization answers have none).
        }

        var message = (response.StatusCode, error) switch
        {
            (_, { } e) => e,
            (HttpStatusCode.Unauthorized, _) => "the server refused the token (401): it is unknown, expired or revoked",
            (HttpStatusCode.Forbidden, _) => "the token lacks the role this needs (403): approvals need reviewer; sessions and audit need admin",
            _ => $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}",
        };
        await Console.Error.WriteLineAsync($"sentrely: {OperatorText.Escape(message)}").ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.BadRequest ? ExitCodes.UsageOrConfig : ExitCodes.Failure;
    }
}
