using System.Security.Cryptography;
using System.Text;
using Sentrely.Sessions;

namespace Sentrely.Auth;

/// <summary>
/// The token text handed out once: <c>sntl_</c> + id + <c>_</c> + 43 random letters and digits (~222 bits). Only the
/// SHA-256 of the secret part is stored; verification compares hashes in constant time.
/// </summary>
public static class ApiTokenSecrets
{
    private const string Prefix = "sntl_";

    /// <summary>Returns a new token id and the full token text.</summary>
    public static (string Id, string Token, string SecretHash) Create()
    {
        var id = "tok_" + Identifiers.RandomToken(16);
        var secret = Identifiers.RandomToken(43);
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented token into its id and secret; null when it is not one of ours.</summary>
    /// <param name="token">The bearer token as presented.</param>
    public static (string Id, string Secret)? Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length is < 30 or > 128 || !token.StartsWith(Prefix + "tok_", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = token[Prefix.Length..];
        var split = rest.IndexOf('_', "tok_".Length);
        return split < 0 ? null : (rest[..split], rest[(split + 1)..]);
    }

    /// <summary>Returns whether <paramref name="secret"/> hashes to <paramref name="expectedHash"/>, in constant time.</summary>
    /// <param name="secret">The presented secret.</param>
    /// <param name="expectedHash">The stored hash (hex).</param>
    public static bool Verify(string secret, string expectedHash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(expectedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(expectedHash));
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
