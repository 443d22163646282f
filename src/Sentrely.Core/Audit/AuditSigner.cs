using System.Security.Cryptography;
using System.Text;

namespace Sentrely.Audit;

/// <summary>
/// Signs audit records with HMAC-SHA256 under a key the store never holds, so a writer with access to the store
/// but not to the key cannot forge records: rebuilding the whole hash chain no longer suffices.
/// </summary>
/// <remarks>
/// The signature is over the record's <see cref="AuditRecord.Hash"/>, which already covers every field and the
/// previous hash; it is therefore not itself part of the hash chain's canonical form. The key is held only in
/// memory and is never written to a message, a log or <see cref="object.ToString"/>.
/// </remarks>
public sealed class AuditSigner
{
    /// <summary>Gets the environment variable that holds the key, base64 or hex.</summary>
    public const string KeyVariable = "SENTRELY_AUDIT_HMAC_KEY";

    /// <summary>Gets the smallest key length accepted, in bytes.</summary>
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    private AuditSigner(byte[] key) => _key = key;

    /// <summary>Returns a signer for <paramref name="key"/>, which must be at least <see cref="MinimumKeyBytes"/> long.</summary>
    /// <param name="key">The key bytes (copied).</param>
    public static AuditSigner FromKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"An audit HMAC key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        return new AuditSigner(key.ToArray());
    }

    /// <summary>
    /// Reads the key from <see cref="KeyVariable"/>: null when it is unset or empty; throws <see cref="FormatException"/>
    /// (without the value) when it is neither hex nor base64 or decodes to fewer than <see cref="MinimumKeyBytes"/> bytes.
    /// Text made only of hex digits is read as hex, anything else as base64.
    /// </summary>
    /// <param name="getVariable">Reads an environment variable.</param>
    public static AuditSigner? FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var text = getVariable(KeyVariable)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var key = Decode(text) ?? throw new FormatException($"{KeyVariable} is neither hex nor base64.");
        if (key.Length < MinimumKeyBytes)
        {
            throw new FormatException($"{KeyVariable} decodes to {key.Length} bytes; at least {MinimumKeyBytes} are required (e.g. `openssl rand -base64 32`).");
        }

        return new AuditSigner(key);
    }

    /// <summary>Returns the lowercase hex HMAC-SHA256 of <paramref name="hash"/> under the key.</summary>
    /// <param name="hash">The record's hash.</param>
    public string Sign(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(hash)));
    }

    /// <summary>Returns whether <paramref name="record"/> carries this key's signature of its hash (compared in constant time).</summary>
    /// <param name="record">The record.</param>
    public bool IsSignedBy(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Hmac is not { Length: 64 } hmac)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(record.Hash));
        var actual = Encoding.ASCII.GetBytes(hmac.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <inheritdoc />
    public override string ToString() => "AuditSigner(HMAC-SHA256, key withheld)";

    private static byte[]? Decode(string text)
    {
        if (text.Length % 2 == 0 && text.All(Uri.IsHexDigit))
        {
            return Convert.FromHexString(text);
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
