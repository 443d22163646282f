using System.Net;

namespace Sentrely.Mcp.Http;

/// <summary>Checks the <c>--urls</c> of <c>serve --transport http</c>.</summary>
internal static class ServeUrls
{
    /// <summary>Splits <c>--urls</c> (separated by <c>;</c>); returns null and why when one is not an absolute http(s) URL.</summary>
    public static (IReadOnlyList<Uri>? Urls, string? Problem) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var urls = new List<Uri>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcard forms (http://*:8787, http://+:8787) bind every interface: parse them as such.
            var normalized = part.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || uri.UserInfo.Length > 0 || uri.Query.Length > 0)
            {
                return (null, $"`{part}` is not a URL to listen on: write one such as http://127.0.0.1:8787");
            }

            // Kestrel's certificate configuration is not wired yet: refuse rather than fail at bind time.
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                return (null, $"`{part}`: TLS is not built into this version; listen on http and terminate TLS at a reverse proxy (see README, Team server)");
            }

            urls.Add(uri);
        }

        return urls.Count == 0 ? (null, "--urls is empty: give at least one URL, such as http://127.0.0.1:8787") : (urls, null);
    }

    /// <summary>Returns whether the URL binds a loopback interface only.</summary>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsLoopback && (url.Host == "localhost" || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
    }
}
