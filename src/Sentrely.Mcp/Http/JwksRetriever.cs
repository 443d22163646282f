using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Sentrely.Mcp.Http;

/// <summary>
/// Fetches a bare JWKS (not an OpenID discovery document) for the JWT bearer handler: the configured issuer plus the
/// signing keys. The configuration manager caches it and fetches again when a JWT names an unknown key.
/// </summary>
internal sealed class JwksRetriever(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var document = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        return Configuration(issuer, new JsonWebKeySet(document));
    }

    /// <summary>Returns the configuration of an issuer with the signing keys of a JWKS.</summary>
    public static OpenIdConnectConfiguration Configuration(string issuer, JsonWebKeySet keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }
}
