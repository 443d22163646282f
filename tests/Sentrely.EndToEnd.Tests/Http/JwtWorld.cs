using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.Client;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>
/// A team server that accepts Sentrely tokens and OIDC JWTs: an RSA key made here signs the JWTs, its public half is the
/// JWKS file the server reads (<c>server.auth.jwt.jwksFile</c>).
/// </summary>
public sealed class JwtWorld : IAsyncLifetime
{
    public const string Issuer = "https://idp.example.test/";
    public const string Audience = "https://sentrely.example.test/mcp";

    private HttpServerProcess? _server;

    public HttpWorld Http { get; } = new();

    public RSA Key { get; } = RSA.Create(2048);

    internal HttpServerProcess Server => _server!;

    public async Task InitializeAsync()
    {
        // The base world's server is not used: this one restarts with the jwt section.
        await Http.World.InitializeAsync();
        var jwks = Path.Combine(Http.World.Folder, "config", "jwks.json");
        var key = Key.ExportParameters(includePrivateParameters: false);
        await File.WriteAllTextAsync(jwks, $$"""
            {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"test-1","n":"{{Base64UrlEncoder.Encode(key.Modulus)}}","e":"{{Base64UrlEncoder.Encode(key.Exponent)}}"}]}
            """);
        await File.AppendAllTextAsync(Http.World.ConfigPath, $"""
            server:
              auth:
                tokens: true
                jwt:
                  issuer: {Issuer}
                  audience: {Audience}
                  jwksFile: {jwks}
                  claims: {"{"} developer: email, project: team, roles: roles {"}"}

            """);
        _server = await HttpServerProcess.StartAsync(Http.World);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await Http.World.DisposeAsync();
        Key.Dispose();
    }

    /// <summary>Returns a JWT signed with <paramref name="key"/> (this world's key by default) carrying <paramref name="claims"/>.</summary>
    public string Mint(IDictionary<string, object> claims, string issuer = Issuer, string audience = Audience, RSA? key = null, TimeSpan? expiresIn = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires.AddMinutes(-20),
            NotBefore = expires.AddMinutes(-20),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? Key) { KeyId = "test-1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async Task<McpClient> ConnectAsync(string bearer) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = Server.McpUri,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {bearer}" },
            }),
            new McpClientOptions { ClientInfo = new() { Name = "sentrely-jwt-e2e", Version = "1.0" } });
}
