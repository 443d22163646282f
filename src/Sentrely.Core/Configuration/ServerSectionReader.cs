using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>
/// Reads the <c>server</c> section strictly: host names only (no ports, schemes or paths), and at least one way to
/// authenticate — the team server has no anonymous mode. <c>auth.jwt</c> is read by <see cref="JwtSectionReader"/>, the
/// keys that bound callers (<c>files</c>, <c>approvals</c>, <c>sessions</c>, <c>limits</c>) by <see cref="ServerRuntimeSectionReader"/>.
/// </summary>
internal static partial class ServerSectionReader
{
    private static readonly string[] Keys = ["allowedHosts", "auth", "files", "approvals", "sessions", "limits"];
    private static readonly string[] AuthKeys = ["tokens", "jwt"];

    public static ServerConfig Read(YamlNodeReader reader, YamlNode node, string? home)
    {
        var config = new ServerConfig();
        if (reader.Mapping(node, "server", Keys) is not { } map)
        {
            return config;
        }

        if (map.TryGetValue("allowedHosts", out var hosts) && ReadHosts(reader, hosts) is { } allowed)
        {
            config = config with { AllowedHosts = allowed };
        }

        if (map.TryGetValue("auth", out var auth) && !YamlNodeReader.IsNull(auth))
        {
            config = config with { Auth = ReadAuth(reader, auth, home) };
        }

        return ServerRuntimeSectionReader.Read(reader, map, config, home);
    }

    /// <summary>Returns the host name in canonical form (lower case, IPv6 without brackets), or null when it is not a plain host name or address.</summary>
    /// <param name="host">A host as written in configuration or a <c>Host</c> header (without port).</param>
    public static string? Canonical(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var address) && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || bare.Count(c => c == '.') == 3))
        {
            return address.ToString().ToLower(CultureInfo.InvariantCulture);
        }

        return HostName().IsMatch(bare) ? bare.ToLower(CultureInfo.InvariantCulture) : null;
    }

    private static List<string>? ReadHosts(YamlNodeReader reader, YamlNode node)
    {
        if (reader.StringList(node, "server.allowedHosts", allowEmpty: false) is not { } items)
        {
            return null;
        }

        var hosts = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var (item, text) = items[i];
            var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
            if (Canonical(wildcard ? text[2..] : text) is not { } host || (wildcard && host.Contains(':', StringComparison.Ordinal)))
            {
                reader.Error(item, FieldPath.Index("server.allowedHosts", i), ConfigErrorCodes.InvalidValue,
                    $"`{text}` is not a host name or IP address: write the name alone, without scheme, port or path (for example `sentrely.example.com`, `*.example.com` or `127.0.0.1`)");
                continue;
            }

            hosts.Add(wildcard ? "*." + host : host);
        }

        return hosts.Count == items.Count ? hosts : null;
    }

    private static ServerAuthConfig ReadAuth(YamlNodeReader reader, YamlNode node, string? home)
    {
        var auth = new ServerAuthConfig();
        if (reader.MappingWithKeys(node, "server.auth", AuthKeys) is not { } map)
        {
            return auth;
        }

        YamlNode? tokensKey = null;
        if (map.TryGetValue("tokens", out var tokens))
        {
            tokensKey = tokens.Key;
            if (reader.Boolean(tokens.Value, "server.auth.tokens", ConfigErrorCodes.InvalidValue) == false)
            {
                auth = auth with { Tokens = false };
            }
        }

        var hasJwt = map.TryGetValue("jwt", out var jwt) && !YamlNodeReader.IsNull(jwt.Value);
        if (hasJwt)
        {
            auth = auth with { Jwt = JwtSectionReader.Read(reader, jwt.Value, home) };
        }

        // A jwt section that does not read reports its own errors; tokens: false alone leaves no way in.
        if (!auth.Tokens && tokensKey is not null && !hasJwt)
        {
            reader.Error(tokensKey, "server.auth.tokens", ConfigErrorCodes.InvalidValue,
                "turns off the only way to authenticate: the team server has no anonymous mode (use `sentrely serve --insecure-no-auth` on loopback for local experiments)");
        }

        return auth;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
