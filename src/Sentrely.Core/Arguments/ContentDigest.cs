using System.Security.Cryptography;

namespace Sentrely.Arguments;

/// <summary>What the policy and the approval fingerprint see of content an argument carries: its size and SHA-256, never the bytes.</summary>
/// <param name="Sha256">The lower-case hex SHA-256 of the decoded bytes.</param>
/// <param name="Size">The number of decoded bytes.</param>
public sealed record ContentDigest(string Sha256, long Size)
{
    /// <summary>Returns the digest of <paramref name="content"/>.</summary>
    /// <param name="content">The decoded bytes.</param>
    public static ContentDigest Of(ReadOnlySpan<byte> content) => new(Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);
}
