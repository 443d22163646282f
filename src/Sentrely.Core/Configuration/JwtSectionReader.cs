using System.Net;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>
/// Reads <c>server.auth.jwt</c> strictly: an issuer and an audience, exactly one of <c>jwksUri</c> (https, or http on a
/// loopback address) and <c>jwksFile</c> (an absolute path), and optional claim names.
/// </summary>
internal static class JwtSectionReader
{
    private const string Field = "server.auth.jwt";
    private static readonly string[] Keys = ["issuer", "audience", "jwksUri", "jwksFile", "claims"];
    private static readonly string[] ClaimKeys = ["developer", "project", "roles"];

    public static ServerJwtConfig? Read(YamlNodeReader reader, YamlNode node, string? home)
    {
        if (reader.Mapping(node, Field, Keys) is not { } map)
        {
            return null;
        }

        var errors = reader.Errors.Count;
        var issuer = Required(reader, map, node, "issuer");
        var audience = Required(reader, map, node, "audience");
        if (issuer is not null && !IsHttpsOrLoopback(issuer))
        {
            reader.Error(map["issuer"], $"{Field}.issuer", ConfigErrorCodes.InvalidValue,
                $"`{issuer}` is not an https URL (http only on a loopback address): write the issuer exactly as your identity provider puts it in `iss`");
        }

        Uri? jwksUri = null;
        if (map.TryGetValue("jwksUri", out var uriNode) && reader.String(uriNode, $"{Field}.jwksUri") is { } uriText)
        {
            if (Uri.TryCreate(uriText, UriKind.Absolute, out var uri) && IsHttpsOrLoopback(uriText) && uri.UserInfo.Length == 0)
            {
                jwksUri = uri;
            }
            else
            {
                reader.Error(uriNode, $"{Field}.jwksUri", ConfigErrorCodes.InvalidValue,
                    $"`{uriText}` is not an https URL (http only on a loopback address), without user info");
            }
        }

        string? jwksFile = null;
        if (map.TryGetValue("jwksFile", out var fileNode) && reader.String(fileNode, $"{Field}.jwksFile") is { } fileText)
        {
            jwksFile = HomePaths.Expand(fileText, home, out var problem);
            if (jwksFile is null)
            {
                reader.Error(fileNode, $"{Field}.jwksFile", ConfigErrorCodes.InvalidPath, problem ?? "invalid path");
            }
        }

        if (map.ContainsKey("jwksUri") && map.ContainsKey("jwksFile"))
        {
            // Fail closed: which keys may sign must never be a guess.
            reader.Error(map["jwksFile"], $"{Field}.jwksFile", ConfigErrorCodes.InvalidValue, "`jwksUri` and `jwksFile` are both set: choose one");
        }
        else if (!map.ContainsKey("jwksUri") && !map.ContainsKey("jwksFile"))
        {
            reader.Error(node, Field, ConfigErrorCodes.MissingKey, "needs `jwksUri` (the identity provider's JWKS URL) or `jwksFile` (a JWKS file): without keys no JWT can be verified");
        }

        var config = issuer is null || audience is null ? null : new ServerJwtConfig { Issuer = issuer, Audience = audience, JwksUri = jwksUri, JwksFile = jwksFile };
        if (map.TryGetValue("claims", out var claims) && ReadClaims(reader, claims) is { } names && config is not null)
        {
            config = config with
            {
                DeveloperClaim = names.GetValueOrDefault("developer", config.DeveloperClaim),
                ProjectClaim = names.GetValueOrDefault("project", config.ProjectClaim),
                RolesClaim = names.GetValueOrDefault("roles", config.RolesClaim),
            };
        }

        return reader.Errors.Count == errors ? config : null;
    }

    private static string? Required(YamlNodeReader reader, Dictionary<string, YamlNode> map, YamlNode node, string key)
    {
        if (!map.TryGetValue(key, out var value))
        {
            reader.Error(node, Field, ConfigErrorCodes.MissingKey, $"needs `{key}`");
            return null;
        }

        return reader.String(value, $"{Field}.{key}") is { Length: > 0 } text ? text : null;
    }

    private static Dictionary<string, string>? ReadClaims(YamlNodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, $"{Field}.claims", ClaimKeys) is not { } map)
        {
            return null;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            var field = $"{Field}.claims.{key}";
            if (reader.String(value, field) is not { } name)
            {
                continue;
            }

            if (name.Length is 0 or > 128 || name.Any(char.IsWhiteSpace))
            {
                reader.Error(value, field, ConfigErrorCodes.InvalidValue, $"`{name}` is not a claim name: write the name alone, such as `sub`, `email` or `groups`");
                continue;
            }

            names[key] = name;
        }

        return names;
    }

    private static bool IsHttpsOrLoopback(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var a) && IPAddress.IsLoopback(a)))));
}
